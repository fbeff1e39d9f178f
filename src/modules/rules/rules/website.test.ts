import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { provinceTable } from '../provinces/table.ts';
import type { ProvinceTable } from '../provinces/types.ts';
import {
  codesOf,
  ctx,
  filedSubject,
  filedWebsite,
  orgDraft,
  orgWebsite,
  personalDraft,
  personalWebsite,
  S1,
  server,
  violationsOf,
} from '../test-fixtures.ts';

const strict = (p: keyof ProvinceTable = '广东'): ProvinceTable => ({
  ...provinceTable,
  [p]: { ...provinceTable[p], domainOwnerMustMatch: true },
});
const domains = (n: number, prefix = 'example-d') =>
  Array.from({ length: n }, (_, i) => `${prefix}${String(i + 1).padStart(3, '0')}.cn`);

describe('R-WEB website and domain rules', () => {
  test('R-WEB-001: 1 to 10 websites per FIRST/ADD_WEBSITE/ACCESS order', () => {
    const ten = Array.from({ length: 10 }, (_, i) => personalWebsite({ domains: [`example-w${i}.cn`] }));
    assert.deepEqual(codesOf(personalDraft({ websites: ten }), ctx(), 'R-WEB-001'), []);
    const eleven = [...ten, personalWebsite({ domains: ['example-w11.cn'] })];
    assert.deepEqual(
      violationsOf(personalDraft({ websites: eleven }), ctx(), 'R-WEB-001').map((v) => [v.code, v.field]),
      [['MAX_WEBSITES_PER_ORDER', 'websites[10]']],
    );
    assert.deepEqual(codesOf(personalDraft({ websites: [] }), ctx(), 'R-WEB-001'), ['WEBSITE_REQUIRED']);
  });
  test('R-WEB-002: 1 to 10 domains per website, also in CHANGE_WEBSITE', () => {
    assert.deepEqual(
      codesOf(personalDraft({ websites: [personalWebsite({ domains: domains(10) })] }), ctx(), 'R-WEB-002'),
      [],
    );
    assert.deepEqual(
      violationsOf(personalDraft({ websites: [personalWebsite({ domains: domains(11) })] }), ctx(), 'R-WEB-002').map(
        (v) => [v.code, v.field],
      ),
      [['MAX_DOMAINS_PER_WEBSITE', 'websites[0].domains[10]']],
    );
    assert.deepEqual(codesOf(personalDraft({ websites: [personalWebsite({ domains: [] })] }), ctx(), 'R-WEB-002'), [
      'DOMAIN_REQUIRED',
    ]);
    const change = orgDraft({
      orderType: 'CHANGE_WEBSITE',
      websites: [orgWebsite({ filingNumber: '粤ICP备18000001号-1', domains: domains(11) })],
    });
    assert.deepEqual(codesOf(change, ctx(), 'R-WEB-002'), ['MAX_DOMAINS_PER_WEBSITE']);
  });
  test('R-WEB-003: hosts under a registrable domain get ENTER_MAIN_DOMAIN with the hint; junk is DOMAIN_INVALID', () => {
    const d = personalDraft({
      websites: [personalWebsite({ domains: ['www.example-shop.cn', 'EXAMPLE-ZS.CN.', 'not a domain', '例子.中国'] })],
    });
    const v = violationsOf(d, ctx(), 'R-WEB-003');
    assert.deepEqual(
      v.map((x) => [x.code, x.field]),
      [
        ['ENTER_MAIN_DOMAIN', 'websites[0].domains[0]'],
        ['DOMAIN_INVALID', 'websites[0].domains[2]'],
      ],
    );
    assert.match(v[0].message.zh, /example-shop\.cn/);
  });
  test('R-WEB-004: a filed domain is refused in FIRST/ADD_WEBSITE with the right remedy; duplicates in the order too', () => {
    const c = ctx({
      registry: { subjects: [filedSubject({ name: '深圳旧主有限公司', accountId: 'Z' })], websites: [filedWebsite()] },
    });
    const v = violationsOf(orgDraft(), c, 'R-WEB-004');
    assert.equal(v[0]?.code, 'DOMAIN_ALREADY_FILED');
    assert.match(v[0].fix?.zh ?? '', /未备案的域名/);
    const dup = personalDraft({ websites: [personalWebsite(), personalWebsite({ name: '张三的随笔' })] });
    assert.deepEqual(codesOf(dup, ctx(), 'R-WEB-004'), ['DOMAIN_DUPLICATE']);
    const own = ctx({
      registry: {
        subjects: [filedSubject({ accessedHere: false })],
        websites: [filedWebsite({ accessedHere: false })],
      },
    });
    assert.match(violationsOf(orgDraft({ orderType: 'ADD_WEBSITE' }), own, 'R-WEB-004')[0]?.fix?.zh ?? '', /接入备案/);
    const change = orgDraft({
      orderType: 'CHANGE_WEBSITE',
      websites: [orgWebsite({ filingNumber: '粤ICP备18000001号-1', domains: ['example-shop.cn', 'example-new.cn'] })],
    });
    assert.deepEqual(
      codesOf(change, ctx({ registry: { subjects: [filedSubject()], websites: [filedWebsite()] } }), 'R-WEB-004'),
      [],
      'the website keeps its own domain',
    );
  });
  test('R-WEB-005: suffixes must be on the approved list (data, overridable)', () => {
    const d = personalDraft({
      websites: [personalWebsite({ domains: ['example.online', 'example.com.cn', 'example.中国', 'example.xin'] })],
    });
    assert.deepEqual(
      violationsOf(d, ctx(), 'R-WEB-005').map((v) => v.field),
      ['websites[0].domains[0]'],
    );
    assert.deepEqual(
      codesOf(d, ctx({ config: { approvedSuffixes: ['online', 'cn', '中国', 'xin'] } }), 'R-WEB-005'),
      [],
    );
  });
  test('R-WEB-007: foreign registrars are refused', () => {
    assert.deepEqual(
      codesOf(
        personalDraft(),
        ctx({ domains: { 'example-zs.cn': { domesticQualified: false, registrar: 'Foreign Inc.' } } }),
        'R-WEB-007',
      ),
      ['DOMAIN_REGISTRAR_FOREIGN'],
    );
    assert.deepEqual(
      codesOf(personalDraft(), ctx({ domains: { 'example-zs.cn': { domesticQualified: true } } }), 'R-WEB-007'),
      [],
    );
  });
  test('R-WEB-008: any qualified domestic registrar is accepted', () => {
    assert.deepEqual(
      codesOf(
        personalDraft(),
        ctx({
          domains: {
            'example-zs.cn': {
              registrar: '其他国内注册商',
              domesticQualified: true,
              realNameVerifiedOn: '2018-10-08',
              registrantType: 'PERSONAL',
              registrantName: '张三',
            },
          },
        }),
      ),
      [],
    );
  });
  test('R-WEB-009: an unverified domain warns and does not block', () => {
    const v = violationsOf(personalDraft(), ctx({ domains: { 'example-zs.cn': { realNameVerifiedOn: null } } }));
    assert.deepEqual(
      v.map((x) => [x.rule, x.code, x.severity]),
      [['R-WEB-009', 'DOMAIN_NOT_REAL_NAME', 'warn']],
    );
  });
  test('R-WEB-010: real-name status is visible 3 working days later (holidays from the calendar)', () => {
    const facts = { domains: { 'example-zs.cn': { realNameVerifiedOn: '2018-11-02' } } };
    assert.deepEqual(codesOf(personalDraft(), ctx({ ...facts, today: '2018-11-07' }), 'R-WEB-010'), [
      'DOMAIN_NOT_REAL_NAME',
    ]);
    assert.deepEqual(codesOf(personalDraft(), ctx({ ...facts, today: '2018-11-08' }), 'R-WEB-010'), []);
    const holiday = ctx({ ...facts, today: '2018-11-08', calendar: { holidays: ['2018-11-06'], makeupWorkdays: [] } });
    assert.deepEqual(codesOf(personalDraft(), holiday, 'R-WEB-010'), ['DOMAIN_NOT_REAL_NAME']);
  });
  test('R-WEB-011: registrant type must match the subject type (review warning)', () => {
    assert.deepEqual(
      violationsOf(
        personalDraft(),
        ctx({ domains: { 'example-zs.cn': { registrantType: 'ORGANISATION' } } }),
        'R-WEB-011',
      ).map((v) => [v.code, v.severity]),
      [['DOMAIN_OWNER_TYPE_MISMATCH', 'warn']],
    );
    assert.deepEqual(
      codesOf(orgDraft(), ctx({ domains: { 'example-shop.cn': { registrantType: 'ORGANISATION' } } }), 'R-WEB-011'),
      [],
    );
  });
  test('R-WEB-012: a personal domain is registered to the person', () => {
    const c = ctx({ domains: { 'example-zs.cn': { registrantType: 'PERSONAL', registrantName: '李四' } } });
    assert.deepEqual(
      violationsOf(personalDraft(), c, 'R-WEB-012').map((v) => [v.code, v.severity]),
      [['DOMAIN_OWNER_MISMATCH', 'warn']],
    );
    assert.deepEqual(
      codesOf(personalDraft(), ctx({ domains: { 'example-zs.cn': { registrantName: '张三' } } }), 'R-WEB-012'),
      [],
    );
  });
  test('R-WEB-013: organisation owner mismatch warns, and blocks where domainOwnerMustMatch', () => {
    const c = {
      domains: { 'example-shop.cn': { registrantType: 'ORGANISATION' as const, registrantName: '别的公司' } },
    };
    assert.deepEqual(
      violationsOf(orgDraft(), ctx(c), 'R-WEB-013').map((v) => v.severity),
      ['warn'],
    );
    assert.deepEqual(
      violationsOf(orgDraft(), ctx({ ...c, provinces: strict() }), 'R-WEB-013').map((v) => v.severity),
      ['block'],
    );
  });
  test('R-WEB-014: privacy protection warns only where domainOwnerMustMatch', () => {
    const c = { domains: { 'example-shop.cn': { privacyProtection: true } } };
    assert.deepEqual(codesOf(orgDraft(), ctx(c), 'R-WEB-014'), []);
    assert.deepEqual(
      violationsOf(orgDraft(), ctx({ ...c, provinces: strict() }), 'R-WEB-014').map((v) => [v.code, v.severity]),
      [['DOMAIN_PRIVACY_ON', 'warn']],
    );
  });
  test('R-WEB-016: service content is required; individuals may choose only 其他', () => {
    assert.deepEqual(
      codesOf(personalDraft({ websites: [personalWebsite({ serviceContent: 'ORG_PORTAL' })] }), ctx(), 'R-WEB-016'),
      ['SERVICE_CONTENT_NOT_ALLOWED'],
    );
    assert.deepEqual(
      codesOf(personalDraft({ websites: [personalWebsite({ serviceContent: undefined })] }), ctx(), 'R-WEB-016'),
      ['FIELD_REQUIRED'],
    );
    assert.deepEqual(
      codesOf(orgDraft({ websites: [orgWebsite({ serviceContent: 'ORG_PORTAL' })] }), ctx(), 'R-WEB-016'),
      [],
    );
  });
  test('R-WEB-017: 其他 is accepted for a company site and a shop', () => {
    assert.deepEqual(
      codesOf(orgDraft({ websites: [orgWebsite({ serviceContent: 'OTHER', name: '示例科技官网' })] }), ctx()),
      [],
    );
  });
  test('R-WEB-018: individuals cannot pick organisation or commercial natures', () => {
    assert.deepEqual(
      codesOf(personalDraft({ websites: [personalWebsite({ nature: 'COMMERCIAL' })] }), ctx(), 'R-WEB-018'),
      ['WEBSITE_NATURE_NOT_ALLOWED'],
    );
    assert.deepEqual(
      codesOf(personalDraft({ websites: [personalWebsite({ nature: 'PERSONAL_SPACE' })] }), ctx(), 'R-WEB-018'),
      [],
    );
  });
  test('R-WEB-020: each website records a public access IP', () => {
    assert.deepEqual(codesOf(personalDraft({ websites: [personalWebsite({ accessIps: [] })] }), ctx(), 'R-WEB-020'), [
      'ACCESS_IP_REQUIRED',
    ]);
    assert.deepEqual(
      codesOf(personalDraft({ websites: [personalWebsite({ accessIps: ['10.0.0.5'] })] }), ctx(), 'R-WEB-020'),
      ['ACCESS_IP_INVALID'],
    );
  });
  test('R-WEB-022: domains added by CHANGE_WEBSITE meet the domain rules', () => {
    const c = ctx({ registry: { subjects: [filedSubject()], websites: [filedWebsite()] } });
    const d = orgDraft({
      orderType: 'CHANGE_WEBSITE',
      subjectFilingNumber: '粤ICP备18000001号',
      websites: [
        orgWebsite({
          filingNumber: '粤ICP备18000001号-1',
          domains: ['example-shop.cn', 'www.example-two.cn', 'example-two.online'],
        }),
      ],
    });
    assert.deepEqual(
      codesOf(d, c).filter((x) => x !== 'EXISTING_WEBSITE_NONCOMPLIANT'),
      ['ENTER_MAIN_DOMAIN', 'SUFFIX_NOT_APPROVED'],
    );
  });
  test('R-WEB-024: ACCESS cannot remove domains of the filed website', () => {
    const c = ctx({
      registry: {
        subjects: [filedSubject({ accessedHere: false })],
        websites: [filedWebsite({ accessedHere: false, domains: ['example-shop.cn', 'example-shop-old.cn'] })],
      },
    });
    const d = orgDraft({ orderType: 'ACCESS', websites: [orgWebsite({ filingNumber: '粤ICP备18000001号-1' })] });
    const v = violationsOf(d, c, 'R-WEB-024');
    assert.equal(v[0]?.code, 'ACCESS_DATA_READ_ONLY');
    assert.match(v[0].fix?.zh ?? '', /变更网站/);
  });
  test('R-ORD-036: access IPs must be this account’s eligible servers (whoever provides access files)', () => {
    assert.deepEqual(
      codesOf(personalDraft({ websites: [personalWebsite({ accessIps: ['8.8.8.8'] })] }), ctx(), 'R-ORD-036'),
      ['ACCESS_IP_NOT_HERE'],
    );
    assert.deepEqual(
      codesOf(personalDraft(), ctx({ servers: [S1, server({ id: 'S3', publicIpv4: '203.0.113.12' })] }), 'R-ORD-036'),
      [],
    );
  });
});
