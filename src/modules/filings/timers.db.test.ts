import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { signIn, type TestApp, testApp } from '../../../test/support/app.ts';
import { testBackend } from '../../../test/support/db.ts';
import { passInitialReview, personDraft } from '../../../test/support/drafts.ts';
import { sweepServerExpiry } from './order-timers.ts';

const SYSTEM = { id: null, role: 'system' as const };
const HOUR = 3_600_000;

async function setup(now: string, serverExpires = '2027-10-01') {
  const t = await testApp({ now, env: { BEIAN_SERVER_SYNC_DELAY_MINUTES: '0' } });
  const u = await t.accounts.createUser({ email: 'zhang@example.com', password: 'zhang-password', role: 'customer' });
  await t.accounts.createUser({ email: 'rev@example.com', password: 'reviewer-pass', role: 'reviewer' });
  await t.servers.importMany([{ externalId: 'gz-1', accountNo: u.accountNo, name: 'GZ', region: 'ap-guangzhou', regionKind: 'mainland', billingMode: 'prepaid', prepaidMonths: 12, purchasedAt: '2026-06-01', expiresAt: serverExpires, publicIp: '203.0.113.10' }], SYSTEM);
  const customer = await signIn(t, 'zhang@example.com', 'zhang-password');
  const reviewer = await signIn(t, 'rev@example.com', 'reviewer-pass');
  const created = await t.app.inject({ method: 'POST', url: '/api/v1/orders', headers: { cookie: customer }, payload: { subject: { type: 'PERSONAL', certificateType: 'RESIDENT_ID', certificateNumber: '440524188001010014', name: '张三' }, province: '广东', domains: ['example-shop.cn'] } });
  assert.equal(created.statusCode, 201, created.body);
  return { t, customer, reviewer, orderId: created.json().id as string, accountNo: u.accountNo };
}

async function submit(t: TestApp, cookie: string, orderId: string) {
  const saved = await t.app.inject({ method: 'PUT', url: `/api/v1/orders/${orderId}/draft`, headers: { cookie }, payload: { version: 1, draft: personDraft('example-shop.cn') } });
  const r = await t.app.inject({ method: 'POST', url: `/api/v1/orders/${orderId}/submit`, headers: { cookie }, payload: { version: saved.json().version } });
  assert.equal(r.statusCode, 200, r.body);
  return r.json().version as number;
}

const state = async (t: TestApp, id: string) => (await t.database.db.selectFrom('orders').select('state').where('id', '=', id).executeTakeFirstOrThrow()).state;

describe(`lifecycle timers on a simulated clock (${testBackend})`, () => {
  let s: Awaited<ReturnType<typeof setup>>;
  after(() => s?.t.close());

  it('R-ORD-017: the initial-review SLA of 1 working day skips the National Day holiday (submitted 2026-09-30 → due 2026-10-08)', async () => {
    s = await setup('2026-09-30T10:00:00+08:00');
    await submit(s.t, s.customer, s.orderId);
    const timer = await s.t.database.db.selectFrom('timers').selectAll().where('object_id', '=', s.orderId).where('kind', '=', 'INITIAL_REVIEW_SLA').where('done_at', 'is', null).executeTakeFirstOrThrow();
    assert.equal(new Date(timer.due_at).toISOString(), new Date('2026-10-08T23:59:59+08:00').toISOString());
    s.t.clock.set('2026-10-08T20:00:00+08:00');
    await s.t.timers.runDue();
    const before = await s.t.database.db.selectFrom('audit_log').select('action').where('object_id', '=', s.orderId).where('action', '=', 'order.sla_breached').execute();
    assert.equal(before.length, 0, 'not breached within the working day');
    s.t.clock.set('2026-10-09T00:30:00+08:00');
    await s.t.timers.runDue();
    const breaches = await s.t.database.db.selectFrom('audit_log').select('action').where('object_id', '=', s.orderId).where('action', '=', 'order.sla_breached').execute();
    assert.equal(breaches.length, 1, 'the breach is recorded once');
    await s.t.timers.runDue();
    assert.equal((await s.t.database.db.selectFrom('audit_log').select('action').where('object_id', '=', s.orderId).where('action', '=', 'order.sla_breached').execute()).length, 1, 'idempotent');
    await s.t.close();
  });

  it('R-ORD-026 T04: a draft expires after 45 days in its step (not before); the bureau step is exempt', async () => {
    s = await setup('2026-12-30T09:00:00+08:00');
    s.t.clock.advance(44 * 24 * HOUR);
    await s.t.timers.runDue();
    assert.equal(await state(s.t, s.orderId), 'DRAFT');
    s.t.clock.advance(24 * HOUR + 60_000);
    await s.t.timers.runDue();
    assert.equal(await state(s.t, s.orderId), 'EXPIRED');
    const trail = await s.t.database.db.selectFrom('order_events').select(['event', 'actor_role']).where('order_id', '=', s.orderId).orderBy('seq', 'desc').executeTakeFirstOrThrow();
    assert.equal(trail.actor_role, 'system');
    await s.t.close();
  });

  it('R-ACC-013 T23: an expired access server flags the order, blocks review passes, and renewal clears the flag', async () => {
    s = await setup('2026-11-02T09:00:00+08:00', '2026-11-10');
    const v = await submit(s.t, s.customer, s.orderId);
    s.t.clock.set('2026-11-11T09:00:00+08:00');
    const r = await sweepServerExpiry({ database: s.t.database, clock: s.t.clock, orders: s.t.orders });
    assert.equal(r.flagged, 1);
    // nine days later the sessions have idled out (24 h): sign in again
    s.customer = await signIn(s.t, 'zhang@example.com', 'zhang-password');
    s.reviewer = await signIn(s.t, 'rev@example.com', 'reviewer-pass');
    const order = (await s.t.app.inject({ method: 'GET', url: `/api/v1/orders/${s.orderId}`, headers: { cookie: s.customer } })).json();
    assert.equal(order.flags.serverExpired, true);
    const pass = await passInitialReview(s.t, s.reviewer, s.orderId, order.version);
    assert.notEqual(pass.statusCode, 200);
    // R-ACC-013(b): the review refuses to pass, naming SERVER_INVALID at the server field
    assert.ok(pass.json().errors.some((e: { code: string }) => e.code === 'SERVER_INVALID'), pass.body);
    assert.ok(v < order.version);
    await s.t.servers.upsert({ externalId: 'gz-1', accountNo: s.accountNo, name: 'GZ', region: 'ap-guangzhou', regionKind: 'mainland', billingMode: 'prepaid', prepaidMonths: 24, purchasedAt: '2026-06-01', expiresAt: '2028-06-01', publicIp: '203.0.113.10' }, SYSTEM);
    assert.equal((await sweepServerExpiry({ database: s.t.database, clock: s.t.clock, orders: s.t.orders })).cleared, 1);
    const again = (await s.t.app.inject({ method: 'GET', url: `/api/v1/orders/${s.orderId}`, headers: { cookie: s.customer } })).json();
    const ok = await s.t.app.inject({ method: 'POST', url: `/api/v1/orders/${s.orderId}/initial-review/approve`, headers: { cookie: s.reviewer }, payload: { version: again.version } });
    assert.equal(ok.statusCode, 200, ok.body);
  });
});
