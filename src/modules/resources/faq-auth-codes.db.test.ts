import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { signIn, type TestApp, testApp } from '../../../test/support/app.ts';
import { testBackend } from '../../../test/support/db.ts';

/**
 * FAQ scenarios and R-ACC requirements of authorisation codes (备案授权码) over HTTP: a code belongs to one server,
 * carries that server's IP into the order that uses it, is free, and is listed per server with its state.
 */

const SYSTEM = { id: null, role: 'system' as const };
const S1_IP = '203.0.113.10';

describe(`authorisation codes as the FAQ describes them (${testBackend})`, () => {
  let t: TestApp;
  let cookieA: string;
  let cookieB: string;
  let s1: string;
  let s2: string;
  before(async () => {
    t = await testApp({ now: '2026-11-02T09:00:00+08:00', env: { BEIAN_SERVER_SYNC_DELAY_MINUTES: '0' } });
    const a = await t.accounts.createUser({ email: 'a@example.com', password: 'a-password-1', role: 'customer' });
    await t.accounts.createUser({ email: 'b@example.com', password: 'b-password-1', role: 'customer' });
    const server = (externalId: string, publicIp: string) => ({
      externalId,
      accountNo: a.accountNo,
      name: externalId.toUpperCase(),
      region: 'ap-guangzhou',
      regionKind: 'mainland' as const,
      billingMode: 'prepaid' as const,
      prepaidMonths: 12,
      purchasedAt: '2026-10-01',
      expiresAt: '2027-10-01',
      publicIp,
    });
    await t.servers.importMany([server('s1', S1_IP), server('s2', '203.0.113.11')], SYSTEM);
    const all = await t.servers.listAll();
    s1 = all.find((s) => s.externalId === 's1')!.id;
    s2 = all.find((s) => s.externalId === 's2')!.id;
    cookieA = await signIn(t, 'a@example.com', 'a-password-1');
    cookieB = await signIn(t, 'b@example.com', 'b-password-1');
  });
  after(() => t.close());

  const generate = (serverId: string, cookie = cookieA) =>
    t.app.inject({ method: 'POST', url: `/api/v1/servers/${serverId}/auth-codes`, headers: { cookie } });
  const listCodes = async (cookie = cookieA) =>
    (await t.app.inject({ method: 'GET', url: '/api/v1/auth-codes', headers: { cookie } })).json() as {
      id: string;
      code: string;
      serverId: string;
      ip: string | null;
      state: string;
      orderId: string | null;
    }[];

  it('FAQ-237 R-ACC-016: code AC-5 references S1 and 203.0.113.10; the order that uses it gets access IP 203.0.113.10', async () => {
    const generated = await generate(s1);
    assert.equal(generated.statusCode, 201, generated.body);
    const ac5 = generated.json() as { id: string; code: string; serverId: string };
    assert.equal(ac5.serverId, s1);

    const readBack = (await listCodes()).find((c) => c.id === ac5.id);
    assert.ok(readBack, 'the code is listed for its owner');
    assert.equal(readBack.serverId, s1);
    assert.equal(readBack.ip, S1_IP);

    // account B has no server at all: the code is its access resource, and S1's IP becomes the order's access IP
    const order = await t.app.inject({
      method: 'POST',
      url: '/api/v1/orders',
      headers: { cookie: cookieB },
      payload: {
        subject: {
          type: 'PERSONAL',
          certificateType: 'RESIDENT_ID',
          certificateNumber: '440524188001010014',
          name: '张三',
        },
        province: '广东',
        domains: ['example-code.cn'],
        authCode: ac5.code.toLowerCase(),
      },
    });
    assert.equal(order.statusCode, 201, order.body);
    const o = order.json() as { id: string; orderNo: string };
    const got = await t.app.inject({ method: 'GET', url: `/api/v1/orders/${o.id}`, headers: { cookie: cookieB } });
    assert.equal(got.statusCode, 200, got.body);
    assert.equal(got.json().accessIp, S1_IP);
    assert.deepEqual(got.json().draft.websites[0].accessIps, [S1_IP], 'the draft registers the code’s IP');
    // the owner sees the code held by that order (R-ACC-021 RESERVED)
    const held = (await listCodes()).find((c) => c.id === ac5.id);
    assert.equal(held?.state, 'RESERVED');
    assert.equal(held?.orderId, o.id);
  });

  it('R-ACC-024: the code page lists, per server, every code generated with its state; generation stops at 5', async () => {
    for (let i = 0; i < 2; i++) assert.equal((await generate(s2)).statusCode, 201);
    const ofS2 = (await listCodes()).filter((c) => c.serverId === s2);
    assert.equal(ofS2.length, 2);
    assert.ok(ofS2.every((c) => c.state === 'AVAILABLE' && c.ip === '203.0.113.11'));
    // a revoked code stays on the page as INVALID and still counts towards the 5 (R-ACC-018)
    const revoked = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/auth-codes/${ofS2[0].id}`,
      headers: { cookie: cookieA },
    });
    assert.equal(revoked.statusCode, 200, revoked.body);
    assert.equal((await listCodes()).find((c) => c.id === ofS2[0].id)?.state, 'INVALID');
    for (let i = 0; i < 3; i++) assert.equal((await generate(s2)).statusCode, 201);
    const sixth = await generate(s2);
    assert.equal(sixth.statusCode, 422, sixth.body);
    assert.equal(sixth.json().reason, 'CODE_LIMIT_REACHED');
    assert.equal((await listCodes()).filter((c) => c.serverId === s2).length, 5);
    // the page is the owner's: account B sees none of A's codes and cannot generate for A's server
    assert.deepEqual(await listCodes(cookieB), []);
    const foreign = await generate(s1, cookieB);
    assert.equal(foreign.statusCode, 422, foreign.body);
    assert.equal(foreign.json().reason, 'NO_ASSOCIATED_SERVER');
  });

  it('R-ACC-019: codes are free — generation answers with no price, and the API has no price, purchase or marketplace function', async () => {
    const r = await generate(s1);
    assert.equal(r.statusCode, 201, r.body);
    assert.deepEqual(Object.keys(r.json()).sort(), ['code', 'createdAt', 'generatedCount', 'id', 'serverId', 'state']);
    const docs = await t.app.inject({ method: 'GET', url: '/api/docs/json' });
    assert.equal(docs.statusCode, 200);
    const paths = Object.keys((docs.json() as { paths: Record<string, unknown> }).paths);
    assert.ok(
      paths.some((p) => p.includes('auth-codes')),
      'the documented API does include the code functions',
    );
    const priced = paths.filter((p) => /price|pricing|purchase|buy|market|payment|checkout|cart/i.test(p));
    assert.deepEqual(priced, []);
  });
});
