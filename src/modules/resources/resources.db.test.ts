import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { signIn, type TestApp, testApp } from '../../../test/support/app.ts';
import { testBackend } from '../../../test/support/db.ts';
import { parseServerFile } from './servers.import.ts';

const SYSTEM = { id: null, role: 'system' as const };

describe(`server inventory and authorization codes (${testBackend})`, () => {
  let t: TestApp;
  let cookie: string;
  let accountNo: string;
  before(async () => {
    t = await testApp({ now: '2026-11-02T09:00:00+08:00' });
    const u = await t.accounts.createUser({ email: 'owner@example.com', password: 'owner-password', role: 'customer' });
    accountNo = u.accountNo;
    await t.accounts.createUser({ email: 'admin@example.com', password: 'admin-password', role: 'admin' });
    cookie = await signIn(t, 'owner@example.com', 'owner-password');
    const csv = [
      'externalId,accountNo,name,region,regionKind,billingMode,prepaidMonths,purchasedAt,expiresAt,publicIp,isLoadBalancer',
      `gz-12m,${accountNo},GZ,ap-guangzhou,mainland,prepaid,12,2026-10-01,2027-10-01,203.0.113.10,false`,
      `sh-1m,${accountNo},SH,ap-shanghai,mainland,prepaid,1,2026-10-20,2026-11-20,203.0.113.20,false`,
      `bj-payg,${accountNo},BJ,ap-beijing,mainland,postpaid,0,2026-09-01,2027-09-01,203.0.113.30,false`,
      `cd-expired,${accountNo},CD,ap-chengdu,mainland,prepaid,6,2026-04-01,2026-10-01,203.0.113.40,false`,
      `gz-lb,${accountNo},CLB,ap-guangzhou,mainland,prepaid,12,2026-10-01,2027-10-01,203.0.113.50,true`,
      `hk-1,${accountNo},HK,ap-hongkong,hongkong,prepaid,12,2026-10-01,2027-10-01,198.51.100.10,false`,
      `gz-noip,${accountNo},GZ2,ap-guangzhou,mainland,prepaid,12,2026-10-01,2027-10-01,,false`,
    ].join('\n');
    await t.servers.importMany(parseServerFile(csv, 'servers.csv'), SYSTEM);
  });
  after(() => t.close());

  const serverId = async (ext: string) => (await t.servers.listAll()).find((s) => s.externalId === ext)!.id;
  const gen = async (ext: string) =>
    t.app.inject({ method: 'POST', url: `/api/v1/servers/${await serverId(ext)}/auth-codes`, headers: { cookie } });

  it('imports CSV idempotently by externalId (a renewal updates, never duplicates)', async () => {
    const again = parseServerFile(
      `externalId,accountNo,name,region,regionKind,billingMode,prepaidMonths,purchasedAt,expiresAt,publicIp\nsh-1m,${accountNo},SH,ap-shanghai,mainland,prepaid,1,2026-10-20,2026-11-20,203.0.113.20`,
      'x.csv',
    );
    const r = await t.servers.importMany(again, SYSTEM);
    assert.equal(r[0].created, false);
    assert.equal((await t.servers.listAll()).length, 7);
  });

  it('refuses a bad import row with its row number and changes nothing', async () => {
    assert.throws(
      () => parseServerFile('[{"externalId":"x"}]', 'x.json'),
      (e: Error & { details?: { row: number } }) => e.details?.row === 1,
    );
  });

  it('R-ACC-017/018/019: generates free codes for an eligible server, at most 5 ever (CODE_LIMIT_REACHED)', async () => {
    const codes: string[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await gen('gz-12m');
      assert.equal(r.statusCode, 201, r.body);
      codes.push(r.json().code);
    }
    assert.equal(new Set(codes).size, 5);
    // revoking does not free a slot: the limit counts codes generated
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/auth-codes', headers: { cookie } });
    const first = list.json()[0];
    assert.equal(
      (await t.app.inject({ method: 'DELETE', url: `/api/v1/auth-codes/${first.id}`, headers: { cookie } })).statusCode,
      200,
    );
    const sixth = await gen('gz-12m');
    assert.equal(sixth.statusCode, 422);
    assert.equal(sixth.json().reason, 'CODE_LIMIT_REACHED');
  });

  for (const [ext, reason, rule] of [
    ['sh-1m', 'BILLING_NOT_ELIGIBLE', 'R-ACC-009'],
    ['bj-payg', 'BILLING_NOT_ELIGIBLE', 'R-ACC-008'],
    ['cd-expired', 'SERVER_EXPIRED', 'R-ACC-010'],
    ['gz-lb', 'LOAD_BALANCER_IP', 'R-ACC-017'],
    ['hk-1', 'NOT_MAINLAND', 'R-ACC-007'],
    ['gz-noip', 'NO_PUBLIC_IP', 'R-ACC-011'],
  ] as const) {
    it(`${rule}: generating a code for ${ext} is refused with ${reason}`, async () => {
      const r = await gen(ext);
      assert.equal(r.statusCode, 422, r.body);
      assert.equal(r.json().reason, reason);
    });
  }

  it('the billing webhook needs a billing token; a renewal through it extends expiry', async () => {
    const admin = await signIn(t, 'admin@example.com', 'admin-password');
    const tok = (
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/admin/tokens',
        headers: { cookie: admin },
        payload: { name: 'billing', role: 'billing' },
      })
    ).json().token;
    const payload = {
      event: 'renewal',
      server: {
        externalId: 'cd-expired',
        accountNo,
        name: 'CD',
        region: 'ap-chengdu',
        regionKind: 'mainland',
        billingMode: 'prepaid',
        prepaidMonths: 18,
        purchasedAt: '2026-04-01',
        expiresAt: '2027-10-01',
        publicIp: '203.0.113.40',
      },
    };
    const denied = await t.app.inject({
      method: 'POST',
      url: '/api/v1/billing/server-events',
      headers: { cookie },
      payload,
    });
    assert.equal(denied.statusCode, 403);
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/v1/billing/server-events',
      headers: { authorization: `Bearer ${tok}` },
      payload,
    });
    assert.equal(ok.statusCode, 200, ok.body);
    assert.equal(ok.json().server.expiresAt, '2027-10-01');
    assert.equal((await gen('cd-expired')).statusCode, 201);
  });

  it('a customer sees only its own servers', async () => {
    await t.accounts.createUser({ email: 'other@example.com', password: 'other-password', role: 'customer' });
    const other = await signIn(t, 'other@example.com', 'other-password');
    const mine = await t.app.inject({ method: 'GET', url: '/api/v1/servers', headers: { cookie: other } });
    assert.deepEqual(mine.json(), []);
    const steal = await t.app.inject({
      method: 'POST',
      url: `/api/v1/servers/${await serverId('gz-12m')}/auth-codes`,
      headers: { cookie: other },
    });
    assert.equal(steal.statusCode, 422);
    assert.equal(steal.json().reason, 'NO_ASSOCIATED_SERVER');
  });
});
