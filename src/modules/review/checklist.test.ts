import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { personDraft } from '../../../test/support/drafts.ts';
import { checkContextFor, SHIPPED_PROVINCE_RULES } from '../filings/checker.ts';
import { checkFiling } from '../rules/check.ts';
import type { FilingDraft } from '../rules/draft.ts';
import { provinceTable } from '../rules/provinces/table.ts';
import { ruleRegistry } from '../rules/registry.ts';
import { callStatus } from './calls.ts';
import { buildChecklist } from './checklist.ts';

const draft = personDraft('example-blog.cn') as FilingDraft;
const ctx = checkContextFor(SHIPPED_PROVINCE_RULES, { today: '2026-11-02', accountId: 'acc' });
const confirmed = callStatus([{ attempt: 1, outcome: 'reached', at: 0, roundSeq: 3, calleeKey: 'k' }], {
  roundSeq: 3,
  principalKey: 'k',
});

function build(over: Partial<Parameters<typeof buildChecklist>[0]> = {}) {
  const d = (over.draft ?? draft) as FilingDraft;
  return buildChecklist({
    stage: 'initial',
    draft: d,
    ctx,
    violations: checkFiling(d, ctx).violations,
    rules: ruleRegistry,
    provinceRules: provinceTable['广东'],
    curtainText: '腾讯云计算（北京）有限责任公司广州分公司',
    serverExpired: false,
    calls: confirmed,
    ...over,
  });
}

describe('review checklist', () => {
  it('R-ORD-017: one auto item per rule in scope, with its R- id; a complete draft with a reached call has no blocker', () => {
    const c = build();
    const ids = c.items.map((i) => i.id);
    for (const id of ['R-ORD-018', 'R-ACC-013', 'R-SUB-007', 'R-WEB-015', 'R-PRE-012', 'R-PRE-014', 'R-MAT-003'])
      assert.ok(ids.includes(id), id);
    assert.ok(c.items.filter((i) => i.kind === 'auto').every((i) => /^R-[A-Z]{3}-\d{3}/.test(i.id)));
    assert.deepEqual(c.blocking, []);
    assert.ok(!ids.includes('R-PRE-011-a'), 'the organisation content items are not shown for a person');
  });

  it('R-ORD-018: without a reached call the call item blocks approval', () => {
    const c = build({ calls: callStatus([], { roundSeq: 3, principalKey: 'k' }) });
    assert.deepEqual(
      c.blocking.map((i) => [i.id, i.status, i.reasonCode]),
      [['R-ORD-018', 'pending', 'CONFIRMATION_CALL_UNREACHED']],
    );
  });

  it('R-ACC-013: an expired server blocks', () => {
    assert.ok(build({ serverExpired: true }).blocking.some((i) => i.id === 'R-ACC-013'));
  });

  it('R-PRV-001: a rule failing under the table in force blocks, with its violations and reason code', () => {
    const d = structuredClone(draft) as FilingDraft;
    d.subject!.communicationAddress!.province = '北京';
    const c = build({ draft: d });
    const item = c.items.find((i) => i.id === 'R-SUB-007')!;
    assert.equal(item.status, 'fail');
    assert.equal(item.reasonCode, 'ADDRESS_PROVINCE_MISMATCH');
    assert.ok(c.blocking.includes(item));
  });

  it('R-WEB-009: an unverified domain is only a warning at fill-in but blocks initial review', () => {
    const d = structuredClone(draft) as FilingDraft;
    const domainCtx = { ...ctx, domains: { 'example-blog.cn': { realNameVerifiedOn: null } } };
    const violations = checkFiling(d, domainCtx).violations;
    assert.ok(violations.some((v) => v.code === 'DOMAIN_NOT_REAL_NAME' && v.severity === 'warn'));
    const c = build({ ctx: domainCtx, violations });
    assert.ok(c.blocking.some((i) => i.reasonCode === 'DOMAIN_NOT_REAL_NAME'));
  });

  it('R-PRE-011: an organisation gets the four content items; R-PRE-013 for an ADD_WEBSITE', () => {
    const d = { ...draft, orderType: 'ADD_WEBSITE', subject: { ...draft.subject, type: 'ENTERPRISE' } } as FilingDraft;
    const ids = build({ draft: d }).items.map((i) => i.id);
    for (const id of ['R-PRE-011-a', 'R-PRE-011-b', 'R-PRE-011-c', 'R-PRE-011-d', 'R-PRE-013', 'R-PRE-014'])
      assert.ok(ids.includes(id), id);
  });

  it('R-MAT-021 R-PRV-016 R-PRV-018: re-review lists the photo items with the curtain text; the season item only where required', () => {
    const gd = build({ stage: 're-review' });
    assert.ok(gd.items.every((i) => i.group === 'photo' || i.id === 'R-ACC-013'));
    const text = gd.items.find((i) => i.id === 'R-MAT-021-c')!;
    assert.match(text.hint!.zh, /广州分公司/);
    assert.ok(!gd.items.some((i) => i.id === 'R-MAT-021-f'));
    const bj = build({ stage: 're-review', provinceRules: provinceTable['北京'] });
    assert.equal(bj.items.find((i) => i.id === 'R-MAT-021-f')?.reasonCode, 'PHOTO_SEASON');
  });
});
