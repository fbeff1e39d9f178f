import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { testBackend } from '../../../test/support/db.ts';
import {
  type Customer,
  customerWithServer,
  draftFor,
  filed,
  type Harness,
  harness,
  residentId,
} from '../bureau/testing.ts';
import { checkFiling } from '../rules/check.ts';
import type { CheckContext } from '../rules/context.ts';
import type { FilingDraft } from '../rules/draft.ts';
import type { Violation } from '../rules/violation.ts';
import { gatherCheckFacts } from './check-facts.ts';
import { checkContextFor, SHIPPED_PROVINCE_RULES } from './checker.ts';

/**
 * The facts as the running platform writes them: servers imported by the inventory, orders created by the verify
 * step, a registry written by the bureau sync after a simulated approval. A check with the gathered facts must refuse
 * what the rules refuse and nothing else.
 */

const IP_A = '203.0.113.121';
const IP_B = '203.0.113.122';
const ZHANG = { name: '张三', certificateNumber: '440524188001010014', mobile: '13800138000' };
const LI = { name: '李四', certificateNumber: residentId('11010119900307123'), mobile: '13700137000' };

const codes = (vs: Violation[]) => vs.map((v) => `${v.rule}:${v.code}@${v.field}`);
const blocking = (vs: Violation[]) => codes(vs.filter((v) => v.severity === 'block'));

describe(`gatherCheckFacts over rows the platform wrote (${testBackend})`, () => {
  let h: Harness;
  let a: Customer;
  let b: Customer;
  let filedNumbers: Awaited<ReturnType<typeof filed>>;

  before(async () => {
    h = await harness();
    a = await customerWithServer(h, IP_A);
    b = await customerWithServer(h, IP_B);
    filedNumbers = await filed(h, a, 'zhangsan-notes.cn', ZHANG, IP_A);
  });
  after(() => h.close());

  async function check(accountId: string, draft: FilingDraft, orderId?: string) {
    const { t } = h;
    const facts = await gatherCheckFacts(
      t.database.db,
      { pii: t.pii, clock: t.clock, calendar: t.calendar, syncDelayMinutes: 0, registrar: t.registrar.port },
      { accountId, orderId, draft },
    );
    const base = checkContextFor(SHIPPED_PROVINCE_RULES, { today: t.orders.today(), accountId, orderId });
    const ctx: CheckContext = { ...base, ...facts };
    return { facts, with: checkFiling(draft, ctx), without: checkFiling(draft, base) };
  }

  async function createOrder(c: Customer, person: typeof ZHANG, domains: string[]) {
    const res = await h.t.app.inject({
      method: 'POST',
      url: '/api/v1/orders',
      headers: { cookie: c.cookie },
      payload: {
        subject: {
          type: 'PERSONAL',
          certificateType: 'RESIDENT_ID',
          certificateNumber: person.certificateNumber,
          name: person.name,
        },
        province: '广东',
        domains,
      },
    });
    assert.equal(res.statusCode, 201, res.body);
    return res.json() as { id: string; type: string };
  }

  test('R-ORD-003 R-ORD-029 R-SUB-021 R-ACC-001: the filed subject adding a website is not refused by its own registry record or its own order', async () => {
    const order = await createOrder(a, ZHANG, ['zhangsan-blog.cn']);
    assert.equal(order.type, 'ADD_WEBSITE');
    const draft = draftFor('zhangsan-blog.cn', ZHANG, IP_A) as FilingDraft;
    draft.orderType = 'ADD_WEBSITE';
    draft.subjectFilingNumber = filedNumbers.subjectNumber;
    const r = await check(a.id, draft, order.id);
    assert.equal(r.facts.registry?.subjects[0]?.filingNumber, filedNumbers.subjectNumber);
    assert.equal(r.facts.registry?.subjects[0]?.accessedHere, true);
    assert.deepEqual(
      r.facts.registry?.websites.map((w) => w.domains),
      [['zhangsan-notes.cn']],
    );
    const added = blocking(r.with.violations).filter((c) => !blocking(r.without.violations).includes(c));
    assert.deepEqual(added, []);
  });

  test('R-WEB-004 R-SUB-019 R-ACC-004: another account filing the filed domain, the filed principal mobile or the filed certificate is refused', async () => {
    const draft = draftFor('zhangsan-notes.cn', { ...LI, mobile: ZHANG.mobile }, IP_B) as FilingDraft;
    const r = await check(b.id, draft);
    const got = blocking(r.with.violations);
    assert.ok(got.includes('R-WEB-004:DOMAIN_ALREADY_FILED@websites[0].domains[0]'), got.join('\n'));
    assert.ok(got.includes('R-SUB-019:MOBILE_USED_BY_OTHER_SUBJECT@subjectPrincipal.mobile'), got.join('\n'));

    const bound = await check(b.id, draftFor('zhangsan-other.cn', ZHANG, IP_B) as FilingDraft);
    assert.ok(
      blocking(bound.with.violations).includes('R-ACC-004:SUBJECT_BOUND_TO_OTHER_ACCOUNT@subject.certificateNumber'),
      blocking(bound.with.violations).join('\n'),
    );
  });

  test('R-ORD-003: a fresh customer FIRST order created by the verify step passes with every fact gathered', async () => {
    const order = await createOrder(b, LI, ['lisi-notes.cn']);
    assert.equal(order.type, 'FIRST');
    const r = await check(b.id, draftFor('lisi-notes.cn', LI, IP_B) as FilingDraft, order.id);
    assert.equal(r.facts.servers?.length, 1);
    assert.deepEqual(blocking(r.with.violations), []);
  });
});
