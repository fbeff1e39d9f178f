import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { signIn } from '../../../test/support/app.ts';
import { testBackend } from '../../../test/support/db.ts';
import { addServer, type ExtrasTestApp, extrasTestApp, seedFiled, seedOpenOrder } from './testing.ts';

describe(`R-EXT-004/005 qualification-document requests by ticket (${testBackend})`, () => {
  let t: ExtrasTestApp;
  let uinA: string;
  let uinH: string;
  let a: string;
  let h: string;
  let staff: string;
  let openSubject: string;
  let hId: string;
  before(async () => {
    t = await extrasTestApp();
    const A = await t.accounts.createUser({ email: 'a@example.com', password: 'a-password-1', role: 'customer' });
    const H = await t.accounts.createUser({ email: 'h@example.com', password: 'h-password-1', role: 'customer' });
    await t.accounts.createUser({ email: 'support@example.com', password: 's-password-1', role: 'reviewer' });
    uinA = A.accountNo;
    uinH = H.accountNo;
    hId = H.id;
    await addServer(t, uinA, { externalId: 'S1', ip: '203.0.113.10' });
    const s10 = await addServer(t, uinH, { externalId: 'S10', ip: '203.0.113.20', region: 'ap-beijing' });
    const S10 = { id: s10, ip: '203.0.113.20' };
    const allow = { decision: 'allow', reason: 'FILED' } as const;
    await seedFiled(t, {
      accountId: H.id,
      name: '北京示例有限公司',
      province: '北京',
      filingNumber: '京ICP备18000008号',
      websites: [{ domain: 'example-bj.cn', accessedHere: true, server: S10, access: allow }],
    });
    await seedFiled(t, {
      accountId: H.id,
      name: '广州示例科技有限公司',
      province: '广东',
      city: '广州市',
      filingNumber: '粤ICP备18000001号',
      websites: [{ domain: 'example-gz.cn', accessedHere: true, server: S10, access: allow }],
    });
    await seedFiled(t, {
      accountId: H.id,
      name: '佛山示例有限公司',
      province: '广东',
      city: '佛山市',
      filingNumber: '粤ICP备18000003号',
      websites: [{ domain: 'example-fs.cn', accessedHere: true, server: S10, access: allow }],
    });
    await seedFiled(t, {
      accountId: H.id,
      name: '杭州示例有限公司',
      province: '浙江',
      city: '杭州市',
      filingNumber: '浙ICP备18000002号',
      websites: [{ domain: 'example-hz.cn', accessedHere: true, server: S10, access: allow }],
    });
    const open = await seedFiled(t, {
      accountId: H.id,
      name: '上海示例有限公司',
      province: '上海',
      filingNumber: '沪ICP备18000004号',
      websites: [{ domain: 'example-sh.cn', accessedHere: true, server: S10, access: allow }],
    });
    openSubject = open.subjectId;
    await seedFiled(t, {
      accountId: H.id,
      name: '天津示例有限公司',
      province: '天津',
      filingNumber: '津ICP备18000005号',
      websites: [
        { domain: 'example-tj.cn', accessedHere: false, otherProviders: [{ providerId: 2002, ip: '192.0.2.5' }] },
      ],
    });
    a = await signIn(t, 'a@example.com', 'a-password-1');
    h = await signIn(t, 'h@example.com', 'h-password-1');
    staff = await signIn(t, 'support@example.com', 's-password-1');
  });
  after(() => t.close());

  const ask = (cookie: string, body: Record<string, unknown>) =>
    t.app.inject({ method: 'POST', url: '/api/v1/extras/qualification-requests', headers: { cookie }, payload: body });
  const refusedWith = async (cookie: string, body: Record<string, unknown>, code: string) => {
    const res = await ask(cookie, body);
    assert.equal(res.statusCode, 422, res.body);
    assert.equal(res.json().reason, code);
    assert.equal(res.json().errors[0].field, 'domain');
    assert.equal(res.json().errors[0].code, code);
  };

  it('FAQ-259 R-EXT-004 R-PRV-024: example-bj.cn with the UIN of the server account → an OPEN ticket', async () => {
    const res = await ask(h, { domain: 'www.example-bj.cn', uin: uinH, registeredCapitalCny: 5_000_000 });
    assert.equal(res.statusCode, 201, res.body);
    const r = res.json();
    assert.equal(r.state, 'OPEN');
    assert.equal(r.domain, 'example-bj.cn');
    assert.equal(r.filingNumber, '京ICP备18000008号-1');
    assert.deepEqual(r.warnings, []);
  });

  it('FAQ-262 R-EXT-004: the UIN of an account that does not serve the domain → NOT_FILED_HERE on the domain field', async () => {
    await refusedWith(h, { domain: 'example-bj.cn', uin: uinA }, 'NOT_FILED_HERE');
    // a stranger to the filing learns nothing either
    await refusedWith(a, { domain: 'example-bj.cn', uin: uinH }, 'NOT_FILED_HERE');
    await refusedWith(h, { domain: 'unknown-domain.cn', uin: uinH }, 'NOT_FILED_HERE');
  });

  it('R-EXT-004 (a): filed but accessed at another provider → NOT_FILED_HERE', async () => {
    await refusedWith(h, { domain: 'example-tj.cn', uin: uinH }, 'NOT_FILED_HERE');
  });

  it('R-EXT-004 (b) R-PRV-024: 广州 accepted; 佛山 and 浙江 → COMMERCIAL_ASSIST_NOT_AVAILABLE', async () => {
    assert.equal((await ask(h, { domain: 'example-gz.cn', uin: uinH })).statusCode, 201);
    await refusedWith(h, { domain: 'example-fs.cn', uin: uinH }, 'COMMERCIAL_ASSIST_NOT_AVAILABLE');
    await refusedWith(h, { domain: 'example-hz.cn', uin: uinH }, 'COMMERCIAL_ASSIST_NOT_AVAILABLE');
  });

  it('R-EXT-004 (c): an order of the subject still in flight → the filing is not complete (NOT_FILED_HERE)', async () => {
    const orderId = await seedOpenOrder(t, { accountId: hId, subjectId: openSubject, domains: ['example-sh.cn'] });
    await refusedWith(h, { domain: 'example-sh.cn', uin: uinH }, 'NOT_FILED_HERE');
    await t.database.db.updateTable('orders').set({ state: 'APPROVED' }).where('id', '=', orderId).execute();
    assert.equal((await ask(h, { domain: 'example-sh.cn', uin: uinH })).statusCode, 201);
  });

  it('R-EXT-005: registered capital below CNY 1,000,000 is accepted with the REGISTERED_CAPITAL_LOW warning', async () => {
    const res = await ask(h, { domain: 'example-bj.cn', uin: uinH, registeredCapitalCny: 500_000 });
    assert.equal(res.statusCode, 201, res.body);
    assert.deepEqual(
      res.json().warnings.map((w: { code: string; field: string; severity: string }) => [w.code, w.field, w.severity]),
      [['REGISTERED_CAPITAL_LOW', 'registeredCapitalCny', 'warn']],
    );
    assert.equal(res.json().registeredCapitalCny, 500_000);
  });

  it('R-EXT-004: support lists the OPEN tickets and closes one with a note; a ticket is decided once; customers see only theirs', async () => {
    const queue = await t.app.inject({
      method: 'GET',
      url: '/api/v1/admin/qualification-requests?state=OPEN',
      headers: { cookie: staff },
    });
    assert.equal(queue.statusCode, 200);
    assert.equal(queue.json().length, 4);
    const id = queue.json().find((r: { domain: string }) => r.domain === 'example-gz.cn').id;
    const decide = (body: Record<string, unknown>) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/admin/qualification-requests/${id}/decision`,
        headers: { cookie: staff },
        payload: body,
      });
    const sent = await decide({ state: 'DOCUMENTS_SENT', note: '资质证明已发送至工单附件' });
    assert.equal(sent.statusCode, 200, sent.body);
    assert.equal(sent.json().state, 'DOCUMENTS_SENT');
    assert.equal(sent.json().note, '资质证明已发送至工单附件');
    const twice = await decide({ state: 'REJECTED', note: 'x' });
    assert.equal(twice.statusCode, 409);
    assert.equal(twice.json().reason, 'TICKET_ALREADY_DECIDED');

    const mine = await t.app.inject({
      method: 'GET',
      url: '/api/v1/extras/qualification-requests',
      headers: { cookie: h },
    });
    assert.equal(mine.json().length, 4);
    assert.equal(mine.json().filter((r: { state: string }) => r.state === 'DOCUMENTS_SENT').length, 1);
    const theirs = await t.app.inject({
      method: 'GET',
      url: '/api/v1/extras/qualification-requests',
      headers: { cookie: a },
    });
    assert.deepEqual(theirs.json(), []);
    const denied = await t.app.inject({
      method: 'GET',
      url: '/api/v1/admin/qualification-requests',
      headers: { cookie: a },
    });
    assert.equal(denied.statusCode, 403);
  });
});
