import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { signIn, type TestApp, testApp } from '../../../test/support/app.ts';
import { testBackend } from '../../../test/support/db.ts';

/** Registry rows as a bureau approval leaves them (the bureau sync writes these in production). */
async function seedFiledSubject(t: TestApp, accountId: string, sites: { name: string; domain: string; n: number }[]) {
  const now = t.clock.now().getTime();
  const subjectId = `sub-${accountId.slice(0, 8)}`;
  const key = t.orders ? `key-${subjectId}` : '';
  await t.database.db.insertInto('subjects').values({ id: subjectId, account_id: accountId, subject_key: key, subject_type: 'PERSONAL', name: '张三', province: '广东', cert_type: 'RESIDENT_ID', cert_number_enc: 'x', cert_number_masked: '4405**********0014', filing_number: '粤ICP备26000001号', status: 'FILED', data_enc: null, created_at: now, updated_at: now }).execute();
  const ids: string[] = [];
  for (const s of sites) {
    const id = `web-${subjectId}-${s.n}`;
    ids.push(id);
    await t.database.db.insertInto('websites').values({ id, subject_id: subjectId, name: s.name, filing_number: `粤ICP备26000001号-${s.n}`, status: 'FILED', accessed_here: 1, access_ip: '203.0.113.10', server_id: null, data_enc: null, created_at: now, updated_at: now }).execute();
    await t.database.db.insertInto('domains').values({ id: `dom-${id}`, website_id: id, subject_id: subjectId, domain: s.domain, status: 'FILED', created_at: now }).execute();
  }
  return { subjectId, websiteIds: ids };
}

describe(`post-filing orders and transfer (${testBackend})`, () => {
  let t: TestApp;
  let customer: string;
  let admin: string;
  let seeded: { subjectId: string; websiteIds: string[] };
  let accountNo: string;
  before(async () => {
    t = await testApp();
    const u = await t.accounts.createUser({ email: 'zhang@example.com', password: 'zhang-password', role: 'customer' });
    accountNo = u.accountNo;
    await t.accounts.createUser({ email: 'admin@example.com', password: 'admin-password', role: 'admin' });
    seeded = await seedFiledSubject(t, u.id, [
      { name: '张三的博客', domain: 'zhang-blog.cn', n: 1 },
      { name: '张三的相册', domain: 'zhang-photos.cn', n: 2 },
    ]);
    customer = await signIn(t, 'zhang@example.com', 'zhang-password');
    admin = await signIn(t, 'admin@example.com', 'admin-password');
  });
  after(() => t.close());

  const post = (cookie: string, payload: object) => t.app.inject({ method: 'POST', url: '/api/v1/orders/post-filing', headers: { cookie }, payload });

  it('lists the filed subject and websites with their numbers', async () => {
    const r = await t.app.inject({ method: 'GET', url: '/api/v1/filings', headers: { cookie: customer } });
    assert.equal(r.json().subject.filingNumber, '粤ICP备26000001号');
    assert.deepEqual(r.json().websites.map((w: { filingNumber: string }) => w.filingNumber).sort(), ['粤ICP备26000001号-1', '粤ICP备26000001号-2']);
  });

  it('R-CHG-017: a cancellation must be confirmed by naming its type', async () => {
    const r = await post(customer, { type: 'CANCEL_WEBSITE', websiteIds: [seeded.websiteIds[0]] });
    assert.equal(r.statusCode, 400);
    assert.equal(r.json().reason, 'CANCEL_CONFIRMATION_REQUIRED');
    assert.equal(r.json().errors[0].field, 'confirm');
  });

  it('R-CHG-013: cancelling every website is refused with LAST_WEBSITE_USE_CANCEL_SUBJECT', async () => {
    const r = await post(customer, { type: 'CANCEL_WEBSITE', websiteIds: seeded.websiteIds, confirm: 'CANCEL_WEBSITE' });
    assert.equal(r.json().reason ?? r.json().code, 'LAST_WEBSITE_USE_CANCEL_SUBJECT', r.body);
  });

  it('R-CHG-011: CANCEL_SUBJECT needs the filing password checked by the bureau', async () => {
    const none = await post(customer, { type: 'CANCEL_SUBJECT', filingPassword: 'x', confirm: 'CANCEL_SUBJECT' });
    assert.equal(none.statusCode, 503, 'no bureau, no password check');
    t.ports.verifyFilingPassword = async (number, password) => number === '粤ICP备26000001号' && password === 'right-password';
    const wrong = await post(customer, { type: 'CANCEL_SUBJECT', filingPassword: 'wrong', confirm: 'CANCEL_SUBJECT' });
    assert.equal(wrong.statusCode, 422);
    assert.equal(wrong.json().reason, 'FILING_PASSWORD_INVALID');
    assert.equal(wrong.json().errors[0].field, 'filingPassword');
  });

  it('R-CHG-016: cancel access carries the shell warning; then one order in flight (R-ORD-007)', async () => {
    const r = await post(customer, { type: 'CANCEL_ACCESS', websiteIds: [seeded.websiteIds[1]], confirm: 'CANCEL_ACCESS' });
    assert.equal(r.statusCode, 201, r.body);
    assert.equal(r.json().type, 'CANCEL_ACCESS');
    assert.equal(r.json().warnings[0].code, 'MAY_BECOME_SHELL');
    const order = (await t.app.inject({ method: 'GET', url: `/api/v1/orders/${r.json().id}`, headers: { cookie: customer } })).json();
    assert.equal(order.draft.websites.length, 1);
    assert.equal(order.draft.websites[0].filingNumber, '粤ICP备26000001号-2');
    const second = await post(customer, { type: 'CHANGE_WEBSITE', websiteIds: [seeded.websiteIds[0]] });
    assert.equal(second.statusCode, 409, second.body);
    // R-CHG-014: a cancellation can be withdrawn (放弃注销) before it reaches the bureau
    const abandon = await t.app.inject({ method: 'POST', url: `/api/v1/orders/${r.json().id}/abandon`, headers: { cookie: customer }, payload: { version: order.version } });
    assert.equal(abandon.statusCode, 200, abandon.body);
    const change = await post(customer, { type: 'CHANGE_WEBSITE', websiteIds: [seeded.websiteIds[0]] });
    assert.equal(change.statusCode, 201, change.body);
    const o2 = (await t.app.inject({ method: 'GET', url: `/api/v1/orders/${change.json().id}`, headers: { cookie: customer } })).json();
    await t.app.inject({ method: 'POST', url: `/api/v1/orders/${change.json().id}/abandon`, headers: { cookie: customer }, payload: { version: o2.version } });
  });

  it('R-CHG-018: the provider may initiate cancel access only; a customer cannot use the admin route', async () => {
    const denied = await t.app.inject({ method: 'POST', url: '/api/v1/admin/cancel-access', headers: { cookie: customer }, payload: { accountNo, websiteIds: [seeded.websiteIds[1]], confirm: 'CANCEL_ACCESS' } });
    assert.equal(denied.statusCode, 403);
    const r = await t.app.inject({ method: 'POST', url: '/api/v1/admin/cancel-access', headers: { cookie: admin }, payload: { accountNo, websiteIds: [seeded.websiteIds[1]], confirm: 'CANCEL_ACCESS' } });
    assert.equal(r.statusCode, 201, r.body);
    const events = (await t.app.inject({ method: 'GET', url: `/api/v1/orders/${r.json().id}/events`, headers: { cookie: admin } })).json();
    assert.equal(events[0].details.initiator, 'provider');
    const mine = (await t.app.inject({ method: 'GET', url: '/api/v1/orders', headers: { cookie: customer } })).json();
    assert.ok(mine.some((o: { id: string }) => o.id === r.json().id), 'the order belongs to the customer account');
    const o = (await t.app.inject({ method: 'GET', url: `/api/v1/orders/${r.json().id}`, headers: { cookie: admin } })).json();
    const ab = await t.app.inject({ method: 'POST', url: `/api/v1/orders/${r.json().id}/abandon`, headers: { cookie: admin }, payload: { version: o.version } });
    assert.notEqual(ab.statusCode, 500);
  });

  it('R-ACC-005: a transfer is refused while an order is in flight, then moves the subject to an account without one', async () => {
    const target = await t.accounts.createUser({ email: 'li@example.com', password: 'li-password', role: 'customer' });
    const blocked = await t.app.inject({ method: 'POST', url: `/api/v1/admin/subjects/${seeded.subjectId}/transfer`, headers: { cookie: admin }, payload: { toAccountNo: target.accountNo } });
    // the provider-initiated cancel access above may still be in flight
    if (blocked.statusCode !== 200) {
      assert.equal(blocked.json().reason ?? blocked.json().code, 'TRANSFER_ORDER_IN_FLIGHT', blocked.body);
      const open = (await t.app.inject({ method: 'GET', url: '/api/v1/orders', headers: { cookie: admin } })).json().filter((o: { state: string }) => !['APPROVED', 'ABANDONED', 'EXPIRED'].includes(o.state));
      for (const o of open) {
        const cookie = customer;
        await t.app.inject({ method: 'POST', url: `/api/v1/orders/${o.id}/abandon`, headers: { cookie }, payload: { version: o.version } });
      }
    }
    const r = await t.app.inject({ method: 'POST', url: `/api/v1/admin/subjects/${seeded.subjectId}/transfer`, headers: { cookie: admin }, payload: { toAccountNo: target.accountNo } });
    assert.equal(r.statusCode, 200, r.body);
    // R-NTF-018: both accounts are told
    const notes = await t.database.db.selectFrom('outbox').select('template').where('template', '=', 'R-NTF-018').execute();
    assert.ok(notes.length >= 2, JSON.stringify(notes));
    const li = await signIn(t, 'li@example.com', 'li-password');
    assert.equal((await t.app.inject({ method: 'GET', url: '/api/v1/filings', headers: { cookie: li } })).json().subject.filingNumber, '粤ICP备26000001号');
    assert.equal((await t.app.inject({ method: 'GET', url: '/api/v1/filings', headers: { cookie: customer } })).json(), null);
  });
});
