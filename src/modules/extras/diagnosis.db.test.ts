import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { signIn } from '../../../test/support/app.ts';
import { testBackend } from '../../../test/support/db.ts';
import { addServer, type ExtrasTestApp, extrasTestApp, seedFiled, seedOpenOrder } from './testing.ts';

const P2 = 2002;

describe(`R-ACS-016 access diagnosis (${testBackend})`, () => {
  let t: ExtrasTestApp;
  let a: string;
  let b: string;
  let staff: string;
  before(async () => {
    t = await extrasTestApp({ env: { BEIAN_DNS_SERVERS: 'ns1.example-dns.cn, ns2.example-dns.cn' } });
    const A = await t.accounts.createUser({ email: 'a@example.com', password: 'a-password-1', role: 'customer' });
    const B = await t.accounts.createUser({ email: 'b@example.com', password: 'b-password-1', role: 'customer' });
    await t.accounts.createUser({ email: 'r@example.com', password: 'r-password-1', role: 'reviewer' });
    const s1 = await addServer(t, A.accountNo, { externalId: 'S1', ip: '203.0.113.10' });
    await addServer(t, A.accountNo, {
      externalId: 'H1',
      ip: '198.51.100.10',
      region: 'ap-hongkong',
      regionKind: 'hongkong',
    });
    const S1 = { id: s1, ip: '203.0.113.10' };
    await seedFiled(t, {
      accountId: A.id,
      name: '广州示例科技有限公司',
      province: '广东',
      filingNumber: '粤ICP备18000001号',
      websites: [
        { domain: 'example-new.com', accessedHere: true, server: S1, access: { decision: 'allow', reason: 'FILED' } },
        { domain: 'example-a.cn', accessedHere: true, server: S1, access: { decision: 'allow', reason: 'FILED' } },
        {
          domain: 'example-b.cn',
          accessedHere: false,
          otherProviders: [{ providerId: P2, ip: '192.0.2.50' }],
          access: { decision: 'block', reason: 'NOT_ACCESSED_HERE' },
        },
      ],
    });
    await seedOpenOrder(t, { accountId: A.id, domains: ['www.example-draft.cn'] });
    // the decisions above are an hour old: propagated everywhere (R-ACS-012)
    t.clock.advance(60 * 60_000);
    // a second customer's filed domain, accessed on the same kind of server
    await seedFiled(t, {
      accountId: B.id,
      name: '杭州示例有限公司',
      province: '浙江',
      filingNumber: '浙ICP备18000002号',
      websites: [
        {
          domain: 'example-travel.cn',
          accessedHere: true,
          access: { decision: 'temp_allow', reason: 'ACCESS_IN_REVIEW' },
        },
      ],
    });
    a = await signIn(t, 'a@example.com', 'a-password-1');
    b = await signIn(t, 'b@example.com', 'b-password-1');
    staff = await signIn(t, 'r@example.com', 'r-password-1');
  });
  after(() => t.close());

  const diagnose = (cookie: string, domain: string) =>
    t.app.inject({ method: 'GET', url: `/api/v1/diagnosis?domain=${encodeURIComponent(domain)}`, headers: { cookie } });
  const hint = (body: { hints: { code: string; likely: boolean; text: { zh: string } }[] }, code: string) =>
    body.hints.find((h) => h.code === code);

  it('FAQ-281 R-ACS-016: allowed, unresolvable .com → the 5-day real-name hint and the registry hold, with the DNS servers', async () => {
    const res = await diagnose(a, 'example-new.com');
    assert.equal(res.statusCode, 200, res.body);
    const d = res.json();
    assert.equal(d.gateway.allowed, true);
    assert.equal(d.gateway.decision, 'allow');
    assert.equal(d.filingNumber, '粤ICP备18000001号-1');
    assert.deepEqual(
      d.resolutions.map((r: { host: string; status: string; error: string }) => [r.host, r.status, r.error]),
      [
        ['example-new.com', 'UNRESOLVED', 'ENOTFOUND'],
        ['www.example-new.com', 'UNRESOLVED', 'ENOTFOUND'],
      ],
    );
    assert.equal(hint(d, 'REAL_NAME_5_DAYS')?.likely, true);
    assert.match(hint(d, 'REAL_NAME_5_DAYS')!.text.zh, /5 天内必须完成实名认证/);
    assert.equal(hint(d, 'REGISTRY_HOLD')?.likely, true);
    assert.equal(hint(d, 'SERVER_FIREWALL')?.likely, false);
    assert.equal(hint(d, 'PROPAGATION_WAIT'), undefined);
    assert.deepEqual(d.dnsServers, ['ns1.example-dns.cn', 'ns2.example-dns.cn']);
    assert.deepEqual(
      d.providers.map((p: { here: boolean; accessIps: string[] }) => [p.here, p.accessIps]),
      [[true, ['203.0.113.10']]],
    );
  });

  it('R-ACS-016 R-CHG-008: domain and www resolving to a provider mainland IP → MATCH, the firewall hint is the likely one', async () => {
    t.dns.set('example-a.cn', ['203.0.113.10']);
    t.dns.set('www.example-a.cn', ['203.0.113.10']);
    const d = (await diagnose(a, 'WWW.Example-A.cn')).json();
    assert.equal(d.domain, 'example-a.cn');
    assert.deepEqual(
      d.resolutions.map((r: { status: string; server: { name: string; ownedByAccount: boolean } | null }) => [
        r.status,
        r.server?.name,
        r.server?.ownedByAccount,
      ]),
      [
        ['MATCH', 'S1', true],
        ['MATCH', 'S1', true],
      ],
    );
    assert.equal(hint(d, 'SERVER_FIREWALL')?.likely, true);
    assert.equal(hint(d, 'REAL_NAME_5_DAYS')?.likely, false);
    assert.equal(hint(d, 'DNS_NOT_POINTING_HERE')?.likely, false);
  });

  it('R-ACS-016 R-CHG-008: resolving elsewhere (or to a non-mainland server) → MISMATCH with the DNS/CDN hints', async () => {
    t.dns.set('example-a.cn', ['198.51.100.10']);
    t.dns.set('www.example-a.cn', ['192.0.2.99']);
    const d = (await diagnose(a, 'example-a.cn')).json();
    assert.deepEqual(
      d.resolutions.map((r: { status: string; ips: string[]; server: unknown }) => [r.status, r.ips, r.server]),
      [
        ['MISMATCH', ['198.51.100.10'], null],
        ['MISMATCH', ['192.0.2.99'], null],
      ],
    );
    assert.equal(hint(d, 'DNS_NOT_POINTING_HERE')?.likely, true);
    assert.equal(hint(d, 'DNS_CDN_CACHE')?.likely, true);
    assert.equal(hint(d, 'SERVER_FIREWALL')?.likely, false);
  });

  it('R-ACS-014 R-ACS-016: filed only at another provider → blocked NOT_ACCESSED_HERE, the other provider listed', async () => {
    const d = (await diagnose(a, 'example-b.cn')).json();
    assert.equal(d.gateway.allowed, false);
    assert.equal(d.gateway.reason, 'NOT_ACCESSED_HERE');
    assert.match(d.gateway.explanation.zh, /.+/);
    assert.equal(d.filingNumber, '粤ICP备18000001号-3');
    assert.deepEqual(
      d.providers.map((p: { providerId: number; here: boolean; accessIps: string[] }) => [
        p.providerId,
        p.here,
        p.accessIps,
      ]),
      [[P2, false, ['192.0.2.50']]],
    );
  });

  it('R-ACS-014 R-ACS-016: a domain only ordered (no projection row) → blocked NOT_FILED, no filing number', async () => {
    const d = (await diagnose(a, 'example-draft.cn')).json();
    assert.equal(d.gateway.allowed, false);
    assert.equal(d.gateway.reason, 'NOT_FILED');
    assert.equal(d.filingNumber, null);
    assert.deepEqual(d.providers, []);
    const list = await t.app.inject({ method: 'GET', url: '/api/v1/diagnosis/domains', headers: { cookie: a } });
    assert.deepEqual(list.json().domains, ['example-a.cn', 'example-b.cn', 'example-draft.cn', 'example-new.com']);
  });

  it('FAQ-286 R-ACS-012 R-ACS-016: access just opened (temp_allow minutes ago) → allowed, with the wait-10–30-minutes hint first', async () => {
    t.dns.set('example-travel.cn', ['203.0.113.10']);
    t.dns.set('www.example-travel.cn', ['203.0.113.10']);
    const d = (await diagnose(b, 'example-travel.cn')).json();
    assert.equal(d.gateway.allowed, true);
    assert.equal(d.gateway.decision, 'temp_allow');
    assert.equal(d.hints[0].code, 'PROPAGATION_WAIT');
    assert.match(d.hints[0].text.zh, /10 ~ 30 分钟/);
    // the server is A's, not B's: still a provider mainland IP, just not the account's own
    assert.equal(d.resolutions[0].server.ownedByAccount, false);
    assert.equal(hint(d, 'SERVER_FIREWALL')?.likely, true);
  });

  it("R-ACS-016: a customer cannot diagnose another account's domain (404); staff can; junk is a field error", async () => {
    assert.equal((await diagnose(b, 'example-new.com')).statusCode, 404);
    assert.equal((await diagnose(b, 'never-seen.cn')).statusCode, 404);
    const asStaff = await diagnose(staff, 'example-new.com');
    assert.equal(asStaff.statusCode, 200);
    assert.equal(asStaff.json().resolutions[0].server, null);
    const junk = await diagnose(a, 'not a domain');
    assert.equal(junk.statusCode, 422);
    assert.equal(junk.json().errors[0].field, 'domain');
    assert.equal(
      (await t.app.inject({ method: 'GET', url: '/api/v1/diagnosis?domain=example-new.com' })).statusCode,
      401,
    );
  });
});
