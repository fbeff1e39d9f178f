import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { signIn, type TestApp, testApp } from '../../../test/support/app.ts';
import { testBackend } from '../../../test/support/db.ts';
import { passInitialReview, personDraft } from '../../../test/support/drafts.ts';

const SYSTEM = { id: null, role: 'system' as const };

describe(`filing order lifecycle over HTTP (${testBackend})`, () => {
  let t: TestApp;
  let customer: string;
  let reviewer: string;
  before(async () => {
    t = await testApp({ now: '2026-11-02T09:00:00+08:00', env: { BEIAN_SERVER_SYNC_DELAY_MINUTES: '0' } });
    const u = await t.accounts.createUser({ email: 'zhang@example.com', password: 'zhang-password', role: 'customer' });
    await t.accounts.createUser({ email: 'rev@example.com', password: 'reviewer-pass', role: 'reviewer' });
    await t.accounts.createUser({ email: 'other@example.com', password: 'other-password', role: 'customer' });
    await t.servers.importMany(
      [
        {
          externalId: 'gz-1',
          accountNo: u.accountNo,
          name: 'GZ',
          region: 'ap-guangzhou',
          regionKind: 'mainland',
          billingMode: 'prepaid',
          prepaidMonths: 12,
          purchasedAt: '2026-10-01',
          expiresAt: '2027-10-01',
          publicIp: '203.0.113.10',
        },
      ],
      SYSTEM,
    );
    customer = await signIn(t, 'zhang@example.com', 'zhang-password');
    reviewer = await signIn(t, 'rev@example.com', 'reviewer-pass');
  });
  after(() => t.close());

  const verify = (cookie: string, domains = ['example-shop.cn']) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/orders',
      headers: { cookie },
      payload: {
        subject: {
          type: 'PERSONAL',
          certificateType: 'RESIDENT_ID',
          certificateNumber: '440524188001010014',
          name: '张三',
        },
        province: '广东',
        domains,
      },
    });

  it('R-ACC-006: an account without an eligible server or code is refused NO_AVAILABLE_RESOURCE at the verify step', async () => {
    const other = await signIn(t, 'other@example.com', 'other-password');
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/v1/orders',
      headers: { cookie: other },
      payload: {
        subject: {
          type: 'PERSONAL',
          certificateType: 'RESIDENT_ID',
          certificateNumber: '11010519491231002X',
          name: '王五',
        },
        province: '北京',
        domains: ['wangwu-blog.cn'],
      },
    });
    assert.equal(r.statusCode, 422, r.body);
    assert.equal(r.json().reason, 'NO_AVAILABLE_RESOURCE');
    assert.match(r.json().detail, /授权码/);
  });

  it('T01–T05 R-ORD-003/007: verify detects FIRST, draft saved, submit, reviewer passes initial review; audit trail read back', async () => {
    const created = await verify(customer);
    assert.equal(created.statusCode, 201, created.body);
    const order = created.json();
    assert.equal(order.type, 'FIRST');
    assert.equal(order.state, 'DRAFT');

    // R-ORD-007: one in-flight order per account, drafts count
    const second = await verify(customer, ['another-site.cn']);
    assert.equal(second.statusCode, 409, second.body);

    const empty = await t.app.inject({
      method: 'POST',
      url: `/api/v1/orders/${order.id}/submit`,
      headers: { cookie: customer },
      payload: { version: 1 },
    });
    assert.equal(empty.statusCode, 422, 'an incomplete draft cannot be submitted');
    assert.ok(empty.json().errors.length > 0);
    assert.ok(empty.json().errors.every((e: { field: string; code: string }) => e.field && e.code));

    const saved = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/orders/${order.id}/draft`,
      headers: { cookie: customer },
      payload: { version: 1, draft: personDraft('example-shop.cn') },
    });
    assert.equal(saved.statusCode, 200, saved.body);
    const blocking = saved.json().check.violations.filter((v: { severity: string }) => v.severity === 'block');
    assert.deepEqual(blocking, [], JSON.stringify(blocking, null, 1));

    const stale = await t.app.inject({
      method: 'POST',
      url: `/api/v1/orders/${order.id}/submit`,
      headers: { cookie: customer },
      payload: { version: 1 },
    });
    assert.equal(stale.statusCode, 409);
    assert.equal(stale.json().code, 'STALE_VERSION');

    const submitted = await t.app.inject({
      method: 'POST',
      url: `/api/v1/orders/${order.id}/submit`,
      headers: { cookie: customer },
      payload: { version: saved.json().version },
    });
    assert.equal(submitted.statusCode, 200, submitted.body);
    assert.equal(submitted.json().state, 'PENDING_INITIAL_REVIEW');

    // locked while in review: the customer cannot edit (§17.1)
    const edit = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/orders/${order.id}/draft`,
      headers: { cookie: customer },
      payload: { version: submitted.json().version, draft: personDraft('example-shop.cn') },
    });
    assert.equal(edit.statusCode, 409, edit.body);

    // a customer cannot review its own order
    const self = await t.app.inject({
      method: 'POST',
      url: `/api/v1/orders/${order.id}/initial-review/approve`,
      headers: { cookie: customer },
      payload: { version: submitted.json().version },
    });
    assert.equal(self.statusCode, 403);

    const approved = await passInitialReview(t, reviewer, order.id, submitted.json().version);
    assert.equal(approved.statusCode, 200, approved.body);
    assert.equal(approved.json().state, 'PHOTO_PENDING');

    const read = await t.app.inject({
      method: 'GET',
      url: `/api/v1/orders/${order.id}`,
      headers: { cookie: customer },
    });
    assert.equal(read.json().state, 'PHOTO_PENDING');
    const trail = await t.app.inject({
      method: 'GET',
      url: `/api/v1/orders/${order.id}/events`,
      headers: { cookie: customer },
    });
    assert.deepEqual(
      trail.json().map((e: { to: string }) => e.to),
      ['DRAFT', 'DRAFT', 'PENDING_INITIAL_REVIEW', 'PHOTO_PENDING'],
    );

    // another customer cannot see it
    const other = await signIn(t, 'other@example.com', 'other-password');
    assert.equal(
      (await t.app.inject({ method: 'GET', url: `/api/v1/orders/${order.id}`, headers: { cookie: other } })).statusCode,
      404,
    );
  });

  it('T07/T09 R-REJ: a rejection carries field-level reasons; revoke, edit, resubmit', async () => {
    const [o] = (await t.app.inject({ method: 'GET', url: '/api/v1/orders', headers: { cookie: customer } })).json();
    // reviewers cannot reject an order that is not in their step
    const wrong = await t.app.inject({
      method: 'POST',
      url: `/api/v1/orders/${o.id}/initial-review/reject`,
      headers: { cookie: reviewer },
      payload: { version: o.version, reasons: [{ code: 'SUBJECT_INFO_INCOMPLETE', field: 'subject.name', message: '主体名称与证件不一致' }] },
    });
    assert.equal(wrong.statusCode, 409);
    assert.equal(wrong.json().code, 'ILLEGAL_TRANSITION');
  });

  it('two reviewers deciding one order at the same moment: exactly one succeeds', async () => {
    const u = await t.accounts.createUser({ email: 'race@example.com', password: 'race-password', role: 'customer' });
    await t.servers.importMany(
      [
        {
          externalId: 'gz-race',
          accountNo: u.accountNo,
          name: 'GZ',
          region: 'ap-guangzhou',
          regionKind: 'mainland',
          billingMode: 'prepaid',
          prepaidMonths: 12,
          purchasedAt: '2026-10-01',
          expiresAt: '2027-10-01',
          publicIp: '203.0.113.11',
        },
      ],
      SYSTEM,
    );
    const c = await signIn(t, 'race@example.com', 'race-password');
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/v1/orders',
      headers: { cookie: c },
      payload: {
        subject: {
          type: 'PERSONAL',
          certificateType: 'RESIDENT_ID',
          certificateNumber: '11010519491231002X',
          name: '王五',
        },
        province: '广东',
        domains: ['race-site.cn'],
      },
    });
    assert.equal(created.statusCode, 201, created.body);
    const d = personDraft('race-site.cn');
    d.subject.name = '王五';
    d.subject.certificateNumber = '11010519491231002X';
    d.subjectPrincipal = { ...d.subjectPrincipal, name: '王五', certificateNumber: '11010519491231002X' };
    d.websites[0].name = '王五的博客';
    d.websites[0].principal = d.subjectPrincipal;
    d.websites[0].accessIps = ['203.0.113.11'];
    const saved = await t.app.inject({
      method: 'PUT',
      url: `/api/v1/orders/${created.json().id}/draft`,
      headers: { cookie: c },
      payload: { version: 1, draft: d },
    });
    const sub = await t.app.inject({
      method: 'POST',
      url: `/api/v1/orders/${created.json().id}/submit`,
      headers: { cookie: c },
      payload: { version: saved.json().version },
    });
    assert.equal(sub.statusCode, 200, sub.body);
    const v = sub.json().version;
    const call = await t.app.inject({ method: 'POST', url: `/api/v1/review/orders/${created.json().id}/calls`, headers: { cookie: reviewer }, payload: { outcome: 'reached' } });
    assert.equal(call.statusCode, 201, call.body);
    const [a, b] = await Promise.all([
      t.app.inject({
        method: 'POST',
        url: `/api/v1/orders/${created.json().id}/initial-review/approve`,
        headers: { cookie: reviewer },
        payload: { version: v },
      }),
      t.app.inject({
        method: 'POST',
        url: `/api/v1/orders/${created.json().id}/initial-review/reject`,
        headers: { cookie: reviewer },
        payload: { version: v, reasons: [{ code: 'SUBJECT_INFO_INCOMPLETE', field: 'subject.name', message: '姓名与证件不一致' }] },
      }),
    ]);
    assert.deepEqual([a.statusCode, b.statusCode].sort(), [200, 409]);
  });
});
