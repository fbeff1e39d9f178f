import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createWorkCalendar } from '../../calendar/index.ts';
import { approvedSuffixSet } from '../../rules/data/suffixes.ts';
import { provinceRulesFor } from '../../rules/provinces/table.ts';
import {
  certExpired,
  type DomainFact,
  type ReviewContext,
  type ReviewSubject,
  type ReviewWebsite,
  realNameVisibleFrom,
  reviewBlacklist,
  reviewCertificates,
  reviewDomains,
  reviewExisting,
  reviewServers,
  serverExpired,
} from './review.ts';

const calendar = createWorkCalendar();

function ctx(over: Partial<ReviewContext> & { domains?: Record<string, DomainFact> } = {}): ReviewContext {
  const { domains = {}, ...rest } = over;
  return {
    today: '2018-11-08',
    calendar,
    rules: provinceRulesFor('广东'),
    assumeRegistrarFacts: false,
    facts: { domain: (d) => domains[d], site: () => undefined, server: () => undefined, cert: () => undefined },
    blacklist: { certs: new Set(), names: new Set() },
    approvedSuffixes: approvedSuffixSet,
    ...rest,
  };
}

const personal: ReviewSubject = { nature: 5, name: '张三', certNumber: '440524188001010014', path: 'Zt_xx' };
const company: ReviewSubject = {
  nature: 4,
  name: '广州示例科技有限公司',
  certNumber: '91440101MA5CXXXX0X',
  path: 'Zt_xx',
};
const site = (domain: string, ip = '203.0.113.10'): ReviewWebsite => ({
  path: 'Wz_xx[0]',
  name: '示例网站',
  domains: [{ path: 'Wz_xx[0].Ym_xx[0].Ym', ym: domain, domain }],
  ips: [{ path: 'Wz_xx[0].Jr_xx[0].Ip_xx[0]', ip }],
});
const verified = (on: string, type: 'PERSONAL' | 'ORGANISATION', name: string): DomainFact => ({
  realNameVerifiedOn: on,
  registrantType: type,
  registrantName: name,
});

describe('the simulated bureau review (R-BUR-002)', () => {
  it('R-WEB-010: a verification on Friday 2018-11-02 is visible on Thursday 2018-11-08, not before', () => {
    assert.equal(realNameVisibleFrom('2018-11-02', calendar), '2018-11-08');
    const d = { 'example-shop.cn': verified('2018-11-02', 'PERSONAL', '张三') };
    assert.deepEqual(
      reviewDomains(personal, [site('example-shop.cn')], ctx({ today: '2018-11-07', domains: d }), {
        newWebsites: true,
      }).map((f) => f.reason),
      ['DOMAIN_NOT_REAL_NAME'],
    );
    assert.deepEqual(
      reviewDomains(personal, [site('example-shop.cn')], ctx({ today: '2018-11-08', domains: d }), {
        newWebsites: true,
      }),
      [],
    );
  });

  it("R-WEB-009: no registrar facts and no verification → DOMAIN_NOT_REAL_NAME; with assumeRegistrarFacts the provider's check stands", () => {
    assert.equal(
      reviewDomains(personal, [site('example-shop.cn')], ctx(), { newWebsites: true })[0]!.reason,
      'DOMAIN_NOT_REAL_NAME',
    );
    assert.deepEqual(
      reviewDomains(personal, [site('example-shop.cn')], ctx({ assumeRegistrarFacts: true }), { newWebsites: true }),
      [],
    );
  });

  it('R-WEB-011/012/013 R-PRV-009: registrant type always; personal name always; organisation name only where the province requires it', () => {
    const orgDomain = { 'example-co.cn': verified('2018-10-08', 'ORGANISATION', '广州示例科技有限公司') };
    assert.equal(
      reviewDomains(personal, [site('example-co.cn')], ctx({ domains: orgDomain }), { newWebsites: true })[0]!.reason,
      'DOMAIN_OWNER_TYPE_MISMATCH',
    );
    const other = { 'example-shop.cn': verified('2018-10-08', 'PERSONAL', '李四') };
    assert.equal(
      reviewDomains(personal, [site('example-shop.cn')], ctx({ domains: other }), { newWebsites: true })[0]!.reason,
      'DOMAIN_OWNER_MISMATCH',
    );
    const otherOrg = { 'example-shop.cn': verified('2018-10-08', 'ORGANISATION', '别的公司') };
    assert.deepEqual(
      reviewDomains(company, [site('example-shop.cn')], ctx({ domains: otherOrg }), { newWebsites: true }),
      [],
      '广东: a warning only',
    );
    assert.equal(
      reviewDomains(company, [site('example-shop.cn')], ctx({ domains: otherOrg, rules: provinceRulesFor('上海') }), {
        newWebsites: true,
      })[0]!.reason,
      'DOMAIN_OWNER_MISMATCH',
    );
  });

  it("R-WEB-005 R-PRV-013: an unapproved suffix, or one outside 北京's whitelist, is an invalid domain (1004)", () => {
    const f = reviewDomains(personal, [site('example-shop.online')], ctx({ assumeRegistrarFacts: true }), {
      newWebsites: true,
    });
    assert.deepEqual(
      f.map((x) => [x.reason, x.code]),
      [['SUFFIX_NOT_APPROVED', 1004]],
    );
    assert.equal(
      reviewDomains(
        personal,
        [site('example-shop.xyz')],
        ctx({ assumeRegistrarFacts: true, rules: provinceRulesFor('北京') }),
        { newWebsites: true },
      )[0]?.reason,
      'SUFFIX_NOT_APPROVED',
    );
  });

  it('R-PRE-014: the probe finds the site open before filing → SITE_OPEN_BEFORE_FILING with the evidence', () => {
    const c = ctx({
      assumeRegistrarFacts: true,
      facts: {
        domain: () => undefined,
        server: () => undefined,
        cert: () => undefined,
        site: () => ({ open: true, status: 200, title: '欢迎光临', at: '2018-11-08 10:00' }),
      },
    });
    const f = reviewDomains(personal, [site('example-shop.cn')], c, { newWebsites: true });
    assert.equal(f[0]!.reason, 'SITE_OPEN_BEFORE_FILING');
    assert.match(f[0]!.text, /200「欢迎光临」/);
    assert.deepEqual(
      reviewDomains(personal, [site('example-shop.cn')], c, { newWebsites: false }),
      [],
      'changes are not probed as new sites',
    );
  });

  it('R-ACC-013: a server is invalid from its expiry day on (1063 on the IP element)', () => {
    assert.equal(serverExpired('2018-11-10', '2018-11-09'), false);
    assert.equal(serverExpired('2018-11-10', '2018-11-10'), true);
    const c = ctx({
      today: '2018-11-20',
      facts: {
        domain: () => undefined,
        site: () => undefined,
        cert: () => undefined,
        server: () => ({ expiresOn: '2018-11-10' }),
      },
    });
    assert.deepEqual(
      reviewServers([site('example-shop.cn')], c).map((f) => [f.reason, f.code, f.path]),
      [['SERVER_INVALID', 1063, 'Wz_xx[0].Jr_xx[0].Ip_xx[0]']],
    );
  });

  it('R-SUB-026: a certificate expired on the decision date → CERT_EXPIRED; LONG_TERM never expires', () => {
    assert.equal(certExpired('2018-11-07', '2018-11-08'), true);
    assert.equal(certExpired('2018-11-08', '2018-11-08'), false);
    assert.equal(certExpired('LONG_TERM', '2099-01-01'), false);
    const c = ctx({
      facts: {
        domain: () => undefined,
        site: () => undefined,
        server: () => undefined,
        cert: (n) => (n === '440524188001010014' ? { validTo: '2018-11-01' } : undefined),
      },
    });
    assert.deepEqual(
      reviewCertificates(personal, c).map((f) => [f.reason, f.path]),
      [['CERT_EXPIRED', 'Zt_xx.Zj.Zjhm']],
    );
  });

  it('R-BUR-018: a blacklisted certificate (1065) or website name (1064)', () => {
    const c = ctx({ blacklist: { certs: new Set(['91440101MA5CXXXX0X']), names: new Set(['示例网站']) } });
    assert.deepEqual(
      reviewBlacklist(company, [site('example-shop.cn')], c).map((f) => [f.reason, f.code, f.path]),
      [
        ['BLACKLISTED', 1065, 'Zt_xx.Zj.Zjhm'],
        ['BLACKLISTED', 1064, 'Wz_xx[0].Wzmc'],
      ],
    );
  });

  it('R-ORD-030/031: existing websites — non-compliant always; unused/unreachable only where the province checks them', () => {
    const existing = [
      { filingNumber: '粤ICP备18000001号-1', fact: { noncompliant: '网站名称不符合要求', unused: true } },
    ];
    assert.deepEqual(
      reviewExisting(existing, provinceRulesFor('广东')).map((f) => f.reason),
      ['EXISTING_WEBSITE_NONCOMPLIANT'],
    );
    const checking = { ...provinceRulesFor('广东'), checkUnusedFiledSites: true };
    assert.deepEqual(
      reviewExisting(existing, checking).map((f) => f.reason),
      ['EXISTING_WEBSITE_NONCOMPLIANT', 'EXISTING_WEBSITE_UNUSED_OR_UNREACHABLE'],
    );
  });
});
