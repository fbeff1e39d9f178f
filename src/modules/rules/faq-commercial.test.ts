import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { Value } from 'typebox/value';
import { checkFiling } from './check.ts';
import { FilingDraftSchema } from './draft.ts';
import { ipChangeFilingRequired } from './eligibility.ts';
import { provinceTable } from './provinces/table.ts';
import {
  COMMERCIAL_CAPITAL_THRESHOLD_CNY,
  type QualificationFacts,
  qualificationRequestDecision,
} from './qualification.ts';
import { ruleRegistry } from './registry.ts';
import { ctx, orgDraft, orgWebsite, UIN_A } from './test-fixtures.ts';

/**
 * 经营性备案类: the qualification documents for a commercial-licence application (R-EXT-004, R-EXT-005) and the
 * commercial-licence flag of a filed website (R-EXT-006).
 */

const UIN_H = '100000000008';
const bj = (over: Partial<NonNullable<QualificationFacts['website']>> = {}): QualificationFacts => ({
  website: {
    filingNumber: '京ICP备18000008号-1',
    filingComplete: true,
    accessedHere: true,
    serverAccountUins: [UIN_H],
    subjectProvince: '北京',
    subjectCity: '北京市',
    ...over,
  },
  provinces: provinceTable,
});

describe('qualification documents for a commercial licence (R-EXT-004)', () => {
  test('FAQ-262 R-EXT-004: example-bj.cn served from account H’s server, requested with account A’s UIN → NOT_FILED_HERE', () => {
    const d = qualificationRequestDecision({ domain: 'example-bj.cn', uin: UIN_A }, bj());
    assert.equal(d.accepted, false);
    assert.equal(d.refusal?.code, 'NOT_FILED_HERE');
    assert.equal(d.refusal?.rule, 'R-EXT-004');
    assert.match(d.refusal?.fix?.zh ?? '', /域名以及对应服务器的UIN/);
    // with H's UIN (any host of the domain) the same request is accepted
    const ok = qualificationRequestDecision({ domain: 'www.example-bj.cn', uin: ` ${UIN_H} ` }, bj());
    assert.deepEqual(ok, { accepted: true, refusal: null, warnings: [] });
  });

  test('R-EXT-004 (a): a domain unknown here, or filed but accessed at another provider, is NOT_FILED_HERE', () => {
    const unknown = qualificationRequestDecision(
      { domain: 'example-nowhere.cn', uin: UIN_H },
      { ...bj(), website: null },
    );
    assert.equal(unknown.refusal?.code, 'NOT_FILED_HERE');
    const elsewhere = qualificationRequestDecision(
      { domain: 'example-bj.cn', uin: UIN_H },
      bj({ accessedHere: false, serverAccountUins: [] }),
    );
    assert.equal(elsewhere.refusal?.code, 'NOT_FILED_HERE');
    const junk = qualificationRequestDecision({ domain: 'not a domain', uin: UIN_H }, bj());
    assert.equal(junk.refusal?.code, 'NOT_FILED_HERE');
  });

  test('R-EXT-004 (c): a filing that is not complete cannot be vouched for', () => {
    const d = qualificationRequestDecision({ domain: 'example-bj.cn', uin: UIN_H }, bj({ filingComplete: false }));
    assert.equal(d.refusal?.code, 'NOT_FILED_HERE');
    assert.match(d.refusal?.message.zh ?? '', /尚未完成/);
  });

  test('R-EXT-004 (b) R-PRV-024: only 北京, 天津, 上海, 广州 and 深圳 subjects get assistance (COMMERCIAL_ASSIST_NOT_AVAILABLE elsewhere)', () => {
    const at = (subjectProvince: NonNullable<QualificationFacts['website']>['subjectProvince'], subjectCity?: string) =>
      qualificationRequestDecision(
        { domain: 'example-bj.cn', uin: UIN_H },
        bj({ subjectProvince, ...(subjectCity ? { subjectCity } : { subjectCity: undefined }) }),
      );
    for (const [p, city] of [
      ['北京', '北京市'],
      ['天津', '天津市'],
      ['上海', '上海市'],
      ['广东', '广州市'],
      ['广东', '深圳'],
    ] as const)
      assert.equal(at(p, city).accepted, true, `${p} ${city}`);
    for (const [p, city] of [
      ['广东', '佛山市'],
      ['浙江', '杭州市'],
      ['广东', undefined],
    ] as const) {
      const d = at(p, city);
      assert.equal(d.refusal?.code, 'COMMERCIAL_ASSIST_NOT_AVAILABLE', `${p} ${city}`);
      assert.match(d.refusal?.message.zh ?? '', /北京、天津、上海、广州、深圳/);
    }
  });
});

describe('registered capital of the qualification request (R-EXT-005)', () => {
  test('R-EXT-005: a capital below CNY 1,000,000 warns without blocking; at the threshold nothing is said', () => {
    const low = qualificationRequestDecision(
      { domain: 'example-bj.cn', uin: UIN_H, registeredCapitalCny: 500_000 },
      bj(),
    );
    assert.equal(low.accepted, true, 'a warning never blocks the request');
    assert.deepEqual(
      low.warnings.map((w) => [w.rule, w.code, w.severity]),
      [['R-EXT-005', 'REGISTERED_CAPITAL_LOW', 'warn']],
    );
    const enough = qualificationRequestDecision(
      { domain: 'example-bj.cn', uin: UIN_H, registeredCapitalCny: COMMERCIAL_CAPITAL_THRESHOLD_CNY },
      bj(),
    );
    assert.deepEqual(enough.warnings, []);
    // the warning is reported with a refusal too, so the customer sees everything at once
    const refused = qualificationRequestDecision(
      { domain: 'example-bj.cn', uin: UIN_A, registeredCapitalCny: 10_000 },
      bj(),
    );
    assert.equal(refused.refusal?.code, 'NOT_FILED_HERE');
    assert.equal(refused.warnings.length, 1);
  });
});

describe('the commercial-licence flag of a website (R-EXT-006)', () => {
  test('R-EXT-006 R-CHG-007: the flag and the 粤B2- number are recorded on a website; the flag alone triggers the IP-change filing', () => {
    const d = orgDraft({
      websites: [orgWebsite({ commercialLicensed: true, icpLicenceNumber: '粤B2-20180001' })],
    });
    assert.ok(Value.Check(FilingDraftSchema, d), 'the draft schema carries both fields');
    assert.deepEqual(
      checkFiling(d, ctx()).violations.map((v) => v.code),
      [],
    );
    assert.equal(
      ipChangeFilingRequired({ commercialLicensed: true, accessIps: ['203.0.113.10'] }, ['203.0.113.13']),
      true,
    );
    assert.equal(ipChangeFilingRequired({ accessIps: ['203.0.113.10'] }, ['203.0.113.13']), false);
  });

  test('R-EXT-006: no rule ever requires the flag or a licence number (non-mainland websites need no ICP licence)', () => {
    assert.ok(ruleRegistry.every((r) => !/commercialLicensed|icpLicenceNumber/.test(r.field)));
    const unflagged = orgDraft();
    assert.equal(unflagged.websites?.[0].commercialLicensed, undefined);
    const found = checkFiling(unflagged, ctx()).violations.filter((v) =>
      /commercialLicensed|icpLicenceNumber|经营许可证/.test(`${v.field} ${v.message.zh}`),
    );
    assert.deepEqual(found, []);
  });
});
