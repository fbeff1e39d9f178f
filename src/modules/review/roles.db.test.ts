import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type TestApp, testApp } from '../../../test/support/app.ts';
import { testBackend } from '../../../test/support/db.ts';
import { type StaffRole, submittedOrder, usersByRole } from './test-support.ts';

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
interface RouteCase {
  method: Method;
  url: string;
  body?: unknown;
  /** The roles the back office grants; every other role must be refused with nothing changed. */
  allowed: readonly StaffRole[];
  /** A read that the allowed roles are expected to succeed at here (mutations are covered by review.db.test.ts). */
  read?: boolean;
}

const ROLES: readonly StaffRole[] = ['customer', 'photo_agent', 'reviewer', 'admin'];
const STAFF = ['reviewer', 'admin'] as const;
const REVIEWER = ['reviewer'] as const;
const ADMIN = ['admin'] as const;

describe(`review and admin routes refuse every role that should not act (${testBackend})`, () => {
  let t: TestApp;
  let who: Record<StaffRole, string>;
  let cases: RouteCase[];
  let orderId: string;

  const snapshot = async () => {
    const db = t.database.db;
    const count = async (
      table:
        | 'review_calls'
        | 'province_overrides'
        | 'calendar_overrides'
        | 'users'
        | 'api_tokens'
        | 'review_rejections'
        | 'servers',
    ) =>
      Number(
        (
          await db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const order = await db
      .selectFrom('orders')
      .select(['state', 'version'])
      .where('id', '=', orderId)
      .executeTakeFirstOrThrow();
    const settings = await db.selectFrom('settings').select(['key', 'value']).orderBy('key').execute();
    const roles = await db.selectFrom('users').select(['email', 'role']).orderBy('email').execute();
    return {
      calls: await count('review_calls'),
      provinceOverrides: await count('province_overrides'),
      calendarOverrides: await count('calendar_overrides'),
      users: await count('users'),
      tokens: await count('api_tokens'),
      rejections: await count('review_rejections'),
      servers: await count('servers'),
      order,
      settings,
      roles,
    };
  };

  before(async () => {
    t = await testApp({ now: '2026-11-02T09:00:00+08:00', env: { BEIAN_SERVER_SYNC_DELAY_MINUTES: '0' } });
    who = await usersByRole(t, 'perm');
    const o = await submittedOrder(t, 1);
    orderId = o.id;
    const db = t.database.db;
    const at = Date.parse('2026-11-02T09:00:00+08:00');
    // rows for the DELETE routes to aim at
    await db
      .insertInto('province_overrides')
      .values({
        id: 'po-1',
        province: '北京',
        key: 'bbsSuspended',
        value: 'true',
        effective_from: '2027-01-01',
        source: 'x',
        version: 1,
        created_by: null,
        created_at: at,
      })
      .execute();
    await db
      .insertInto('calendar_overrides')
      .values({
        id: 'co-1',
        date: '2026-12-31',
        kind: 'holiday',
        name: null,
        source: 'x',
        created_by: null,
        created_at: at,
      })
      .execute();
    const token = await t.accounts.createToken({ name: 'edge-1', role: 'edge' }, { id: null, role: 'system' });
    const customerRow = await db
      .selectFrom('users')
      .select('id')
      .where('role', '=', 'customer')
      .executeTakeFirstOrThrow();
    const v = o.version;
    const reasons = [{ code: 'SUBJECT_INFO_INCOMPLETE', field: 'subject.name', message: '不完整' }];
    const cfg = (await t.app.inject({ method: 'GET', url: '/api/v1/provider' })).json();
    cases = [
      // reviewer back office
      ...(['initial', 're-review', 'bureau', 'expiring'] as const).map(
        (q): RouteCase => ({ method: 'GET', url: `/api/v1/review/queues/${q}`, allowed: STAFF, read: true }),
      ),
      { method: 'GET', url: `/api/v1/review/orders/${o.id}`, allowed: STAFF, read: true },
      { method: 'GET', url: '/api/v1/review/rejection-reasons?stage=initial', allowed: STAFF, read: true },
      { method: 'GET', url: '/api/v1/review/dashboard', allowed: STAFF, read: true },
      { method: 'POST', url: `/api/v1/review/orders/${o.id}/calls`, body: { outcome: 'unreached' }, allowed: REVIEWER },
      { method: 'POST', url: `/api/v1/orders/${o.id}/initial-review/approve`, body: { version: v }, allowed: REVIEWER },
      {
        method: 'POST',
        url: `/api/v1/orders/${o.id}/initial-review/reject`,
        body: { version: v, reasons },
        allowed: REVIEWER,
      },
      { method: 'POST', url: `/api/v1/orders/${o.id}/re-review/approve`, body: { version: v }, allowed: REVIEWER },
      {
        method: 'POST',
        url: `/api/v1/orders/${o.id}/re-review/reject`,
        body: { version: v, reasons },
        allowed: REVIEWER,
      },
      // administration
      { method: 'GET', url: '/api/v1/admin/province-overrides', allowed: ADMIN, read: true },
      {
        method: 'POST',
        url: '/api/v1/admin/province-overrides',
        body: { province: '北京', key: 'bbsSuspended', value: true, effectiveFrom: '2026-11-02', source: 'x' },
        allowed: ADMIN,
      },
      { method: 'DELETE', url: '/api/v1/admin/province-overrides/po-1', allowed: ADMIN },
      { method: 'GET', url: '/api/v1/admin/province-rules', allowed: ADMIN, read: true },
      { method: 'GET', url: '/api/v1/admin/calendar/overrides', allowed: ADMIN, read: true },
      {
        method: 'POST',
        url: '/api/v1/admin/calendar/overrides',
        body: { date: '2026-11-03', kind: 'holiday', source: 'x' },
        allowed: ADMIN,
      },
      { method: 'DELETE', url: '/api/v1/admin/calendar/overrides/co-1', allowed: ADMIN },
      { method: 'PUT', url: '/api/v1/admin/calendar/years/2027', body: { covered: true }, allowed: ADMIN },
      { method: 'GET', url: '/api/v1/admin/calendar?year=2026', allowed: ADMIN, read: true },
      { method: 'GET', url: '/api/v1/admin/provider-config', allowed: ADMIN, read: true },
      { method: 'PUT', url: '/api/v1/admin/provider-config', body: { ...cfg, hotline: '110' }, allowed: ADMIN },
      // users, roles and tokens (accounts module), reused by the back office
      { method: 'GET', url: '/api/v1/admin/users', allowed: ADMIN, read: true },
      {
        method: 'POST',
        url: '/api/v1/admin/users',
        body: { email: 'new-staff@example.com', password: 'new-staff-pass', role: 'admin' },
        allowed: ADMIN,
      },
      { method: 'PUT', url: `/api/v1/admin/users/${customerRow.id}/role`, body: { role: 'admin' }, allowed: ADMIN },
      { method: 'GET', url: '/api/v1/admin/tokens', allowed: ADMIN, read: true },
      { method: 'POST', url: '/api/v1/admin/tokens', body: { name: 'x', role: 'admin' }, allowed: ADMIN },
      { method: 'DELETE', url: `/api/v1/admin/tokens/${token.id}`, allowed: ADMIN },
      // server inventory (resources module): reviewers may read it, only admins import
      { method: 'GET', url: '/api/v1/admin/servers', allowed: STAFF, read: true },
      {
        method: 'POST',
        url: '/api/v1/admin/servers/import',
        body: {
          servers: [
            {
              externalId: 'perm-x',
              accountNo: '100000000001',
              name: 'X',
              region: 'ap-guangzhou',
              regionKind: 'mainland',
              billingMode: 'prepaid',
              prepaidMonths: 12,
              purchasedAt: '2026-10-01',
              expiresAt: '2027-10-01',
              publicIp: '203.0.113.99',
            },
          ],
        },
        allowed: ADMIN,
      },
    ];
  });
  after(() => t.close());

  it('R-ORD-017 R-PRV-001 DESIGN-7: every refused role gets 403 (anonymous 401) and nothing changes', async () => {
    const before = await snapshot();
    const failures: string[] = [];
    for (const c of cases) {
      for (const role of ROLES.filter((r) => !c.allowed.includes(r))) {
        const r = await t.app.inject({
          method: c.method,
          url: c.url,
          headers: { cookie: who[role] },
          ...(c.body === undefined ? {} : { payload: c.body as object }),
        });
        if (r.statusCode !== 403)
          failures.push(`${role} ${c.method} ${c.url} → ${r.statusCode} ${r.body.slice(0, 160)}`);
      }
      const anon = await t.app.inject({
        method: c.method,
        url: c.url,
        ...(c.body === undefined ? {} : { payload: c.body as object }),
      });
      if (anon.statusCode !== 401) failures.push(`anonymous ${c.method} ${c.url} → ${anon.statusCode}`);
    }
    assert.deepEqual(failures, []);
    assert.deepEqual(await snapshot(), before, 'no refused request changed anything');
  });

  it('the roles that may read, read', async () => {
    const failures: string[] = [];
    for (const c of cases.filter((x) => x.read)) {
      for (const role of c.allowed) {
        const r = await t.app.inject({ method: c.method, url: c.url, headers: { cookie: who[role] } });
        if (r.statusCode !== 200)
          failures.push(`${role} ${c.method} ${c.url} → ${r.statusCode} ${r.body.slice(0, 160)}`);
      }
    }
    assert.deepEqual(failures, []);
  });

  it('R-ORD-017: an admin may look at the review page but not decide (the transition table names reviewers)', async () => {
    const page = await t.app.inject({
      method: 'GET',
      url: `/api/v1/review/orders/${orderId}`,
      headers: { cookie: who.admin },
    });
    assert.equal(page.statusCode, 200);
    assert.deepEqual(page.json().order.allowedEvents, [], 'no review events offered to an admin');
  });
});
