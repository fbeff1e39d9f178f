import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Registry } from 'prom-client';
import { loadConfig } from '../../platform/config.ts';
import { type Database, openDatabase } from '../../platform/db/database.ts';
import { migrateToLatest } from '../../platform/db/migrate.ts';
import { applyAccessChanges } from './access.repository.ts';
import { type AccessGateway, createAccessGateway } from './gateway.ts';

// The check endpoint over HTTP (fastify inject) on a real, in-memory SQLite projection.
const S1 = '203.0.113.10';
const H1 = '198.51.100.10';

async function setup(env: Record<string, string> = {}) {
  const database = openDatabase(':memory:');
  await migrateToLatest(database);
  await applyAccessChanges(
    database.db,
    [
      { domain: 'example-shop.cn', decision: 'allow', reason: 'FILED' },
      { domain: 'example-travel.cn', decision: 'block', reason: 'NOT_ACCESSED_HERE' },
    ],
    Date.now(),
  );
  const now = Date.now();
  const user = { id: 'u1', account_no: '100000000001', email: 'a@example.com', password_hash: 'x', role: 'customer' };
  await database.db
    .insertInto('users')
    .values({ ...user, display_name: 'a', mobile_enc: null, disabled: 0, created_at: now, updated_at: now })
    .execute();
  await database.db
    .insertInto('servers')
    .values({
      id: 'h1',
      external_id: 'h1',
      account_id: 'u1',
      name: 'H1',
      region: 'ap-hongkong',
      region_kind: 'hongkong',
      billing_mode: 'prepaid',
      prepaid_months: 12,
      purchased_at: '2026-10-01',
      expires_at: '2027-10-01',
      public_ip: H1,
      is_load_balancer: 0,
      synced_at: now,
      created_at: now,
      updated_at: now,
    })
    .execute();
  const config = loadConfig({
    BEIAN_DATA_DIR: '/tmp/beian-test-unused',
    PUBLIC_URL: 'https://console.example',
    ...env,
  });
  const metrics = new Registry();
  const gateway = createAccessGateway({ database, config, metrics, blockPage: { hotline: '400-000-0000' } });
  await gateway.loadFull();
  await gateway.app.ready();
  return { database, gateway };
}

describe('GET /access/check (no token: loopback callers only)', () => {
  let database: Database;
  let gateway: AccessGateway;
  before(async () => {
    ({ database, gateway } = await setup());
  });
  after(async () => {
    await gateway.stop();
    await database.close();
  });

  const check = (headers: Record<string, string>, url = '/access/check', method: 'GET' | 'POST' = 'GET') =>
    gateway.app.inject({ method, url, headers });

  it('nginx auth_request: the host comes from X-Original-Host; 200 FILED / 403 NOT_FILED, never 204 (STACK pitfall 16)', async () => {
    const ok = await check({ host: '127.0.0.1:3001', 'x-original-host': 'www.example-shop.cn', 'x-server-ip': S1 });
    assert.equal(ok.statusCode, 200);
    assert.equal(ok.headers['x-beian-reason'], 'FILED');
    const no = await check({ host: '127.0.0.1:3001', 'x-original-host': 'example-unfiled.cn', 'x-server-ip': S1 });
    assert.equal(no.statusCode, 403);
    assert.equal(no.headers['x-beian-reason'], 'NOT_FILED');
    assert.equal(no.body, '', 'auth_request ignores the body: none is rendered unless asked');
  });

  it('Envoy ext_authz: the original Host and method, and the original path appended to /access/check', async () => {
    const res = await check({ host: 'www.example-travel.cn:8443' }, '/access/check/shop/cart?id=1', 'POST');
    assert.equal(res.statusCode, 403);
    assert.equal(res.headers['x-beian-reason'], 'NOT_ACCESSED_HERE');
    const ok = await check({ host: 'mail.example-shop.cn' }, '/access/check/');
    assert.equal(ok.statusCode, 200);
    // a body of any type is ignored, never parsed (no 400/415 that Envoy would turn into a denial)
    const withBody = await gateway.app.inject({
      method: 'PUT',
      url: '/access/check/upload',
      headers: { host: 'www.example-shop.cn', 'content-type': 'application/json' },
      payload: '{not json',
    });
    assert.equal(withBody.statusCode, 200);
    const head = await gateway.app.inject({ method: 'HEAD', url: '/access/check/', headers: { host: 'a-b.cn' } });
    assert.equal(head.statusCode, 403);
  });

  it('FAQ-001 R-ACS-003: X-Server-Ip or X-Original-Server-Addr of a non-mainland server of the inventory answers 200 NON_MAINLAND', async () => {
    for (const h of ['x-server-ip', 'x-original-server-addr']) {
      const res = await check({ 'x-original-host': 'example-unfiled.cn', [h]: H1 });
      assert.equal(res.statusCode, 200, h);
      assert.equal(res.headers['x-beian-reason'], 'NON_MAINLAND');
    }
  });

  it('Envoy asks for the block page in the denial body with X-Beian-Render: page (zh-CN by default, English by Accept-Language)', async () => {
    const zh = await check({ host: 'example-unfiled.cn', 'x-beian-render': 'page' });
    assert.equal(zh.statusCode, 403);
    assert.match(String(zh.headers['content-type']), /text\/html/);
    assert.match(zh.body, /该域名未备案/);
    assert.match(zh.body, /400-000-0000/);
    const en = await check({
      host: 'example-unfiled.cn',
      'x-beian-render': 'page',
      'accept-language': 'en-US,en;q=0.9',
    });
    assert.match(en.body, /the domain is not filed/);
  });

  it('GET /access/block-page?host=…: 403 with the reason, no-store, and the console link', async () => {
    const res = await gateway.app.inject({ method: 'GET', url: '/access/block-page?host=www.example-travel.cn' });
    assert.equal(res.statusCode, 403);
    assert.equal(res.headers['x-beian-reason'], 'NOT_ACCESSED_HERE');
    assert.equal(res.headers['cache-control'], 'no-store');
    assert.equal(res.headers['content-language'], 'zh-CN');
    assert.match(res.body, /未在本服务商办理接入备案/);
    assert.match(res.body, /https:\/\/console\.example\/filings\/new\?domain=example-travel\.cn&amp;intent=access/);
  });

  it('without a configured token, callers that are not on loopback are refused', async () => {
    const res = await gateway.app.inject({
      method: 'GET',
      url: '/access/check',
      headers: { 'x-original-host': 'example-shop.cn' },
      remoteAddress: '192.0.2.7',
    });
    assert.equal(res.statusCode, 401);
    const page = await gateway.app.inject({
      method: 'GET',
      url: '/access/block-page?host=a.cn',
      remoteAddress: '192.0.2.7',
    });
    assert.equal(page.statusCode, 401);
  });

  it('healthz reports the snapshot; /metrics exposes the gateway gauges and check counters', async () => {
    const h = await gateway.app.inject({ method: 'GET', url: '/access/healthz' });
    assert.equal(h.statusCode, 200);
    assert.equal(h.json().domains, 2);
    assert.equal(h.json().nonMainlandServers, 1);
    const m = await gateway.app.inject({ method: 'GET', url: '/metrics' });
    assert.match(m.body, /beian_access_snapshot_domains 2/);
    assert.match(m.body, /beian_access_checks_total\{result="blocked"\} [1-9]/);
  });
});

describe('GET /access/check with BEIAN_ACCESS_TOKEN', () => {
  let database: Database;
  let gateway: AccessGateway;
  before(async () => {
    ({ database, gateway } = await setup({ BEIAN_ACCESS_TOKEN: 's3cret-edge-token' }));
  });
  after(async () => {
    await gateway.stop();
    await database.close();
  });

  it('a shared token authenticates any address; a missing or wrong token gets 401 whatever the source', async () => {
    const base = { method: 'GET' as const, url: '/access/check', remoteAddress: '192.0.2.7' };
    const ok = await gateway.app.inject({
      ...base,
      headers: { 'x-original-host': 'example-shop.cn', 'x-beian-token': 's3cret-edge-token' },
    });
    assert.equal(ok.statusCode, 200);
    for (const token of [undefined, 's3cret-edge-tokeN', 'short']) {
      const res = await gateway.app.inject({
        ...base,
        remoteAddress: '127.0.0.1',
        headers: { 'x-original-host': 'example-shop.cn', ...(token ? { 'x-beian-token': token } : {}) },
      });
      assert.equal(res.statusCode, 401, String(token));
    }
  });
});
