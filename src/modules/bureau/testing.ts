import assert from 'node:assert/strict';
import { signIn, type TestApp, testApp } from '../../../test/support/app.ts';
import { testDatabase, whileMigrating } from '../../../test/support/db.ts';
import { passInitialReview, personDraft } from '../../../test/support/drafts.ts';
import { multipart } from '../../../test/support/multipart.ts';
import { AdjustableClock } from '../../platform/clock.ts';
import type { Database } from '../../platform/db/database.ts';
import { newId } from '../../platform/db/ids.ts';
import { photo } from '../materials/test-images.ts';
import type { FilingDraft, OrderType } from '../rules/draft.ts';
import { type RunningSimulator, startBureauSimulator } from './simulator/http.ts';
import type { SimSettings } from './simulator/simulator.ts';

/**
 * Test support (used only by `*.test.ts`): a whole Beian and a simulated bureau, each with its own database and its
 * own frozen clock, talking over the MIIT interface on a real socket; helpers drive orders over HTTP.
 */

export const SYSTEM = { id: null, role: 'system' as const };
export const TOKEN = 'sim-test-token';

export interface Harness {
  t: TestApp;
  sim: RunningSimulator;
  simDatabase: Database;
  simClock: AdjustableClock;
  reviewer: string;
  /** Both clocks forward by calendar days. */
  advanceDays(days: number): Promise<void>;
  control<T = unknown>(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<T>;
  close(): Promise<void>;
}

export async function harness(
  opts: { now?: string; settings?: Partial<SimSettings>; env?: Record<string, string> } = {},
): Promise<Harness> {
  const now = opts.now ?? '2026-11-02T09:00:00+08:00';
  const simDatabase = await testDatabase();
  const simClock = new AdjustableClock(now, { frozen: true });
  // as in demo mode, the simulated bureau knows the provider's servers by IP (R-ACC-013); `t` exists by the time it asks
  let t: TestApp | undefined;
  const facts = {
    async server(ip: string) {
      const row = await t?.database.db
        .selectFrom('servers')
        .select('expires_at')
        .where('public_ip', '=', ip)
        .executeTakeFirst();
      return row ? { expiresOn: row.expires_at } : undefined;
    },
  };
  const sim = await whileMigrating(() =>
    startBureauSimulator({
      port: 0,
      database: simDatabase,
      clock: simClock,
      tickMs: 0,
      token: TOKEN,
      settings: opts.settings,
      facts,
    }),
  );
  t = await testApp({ now, env: { BEIAN_BUREAU_URL: sim.url, BEIAN_SERVER_SYNC_DELAY_MINUTES: '0', ...opts.env } });
  await t.accounts.createUser({ email: 'rev@example.com', password: 'reviewer-pass', role: 'reviewer' });
  const reviewer = await signIn(t, 'rev@example.com', 'reviewer-pass');
  const app = t;
  const h: Harness = {
    t,
    sim,
    simDatabase,
    simClock,
    reviewer,
    async advanceDays(days: number) {
      app.clock.advanceDays(days);
      await sim.sim.controls.advance({ days });
      // sessions end after a day idle: sign the reviewer in again on the new date
      h.reviewer = await signIn(app, 'rev@example.com', 'reviewer-pass');
    },
    async control<T>(method: 'GET' | 'POST' | 'PUT', path: string, body?: unknown): Promise<T> {
      const res = await fetch(`${sim.url}${path}`, {
        method,
        headers: { 'x-sim-token': TOKEN, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const json = (await res.json()) as T;
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
      return json;
    },
    async close() {
      // the simulator asks Beian's database for server facts: stop it before Beian's database (and schema) goes away
      await sim.close();
      await app.close();
      await simDatabase.close();
    },
  };
  return h;
}

let serial = 0;

export interface Customer {
  id: string;
  cookie: string;
  accountNo: string;
  email: string;
}

/** A customer with a mainland prepaid 12-month server at `ip`. */
export async function customerWithServer(
  h: Harness,
  ip: string,
  server: { purchasedAt?: string; expiresAt?: string; prepaidMonths?: number } = {},
): Promise<Customer> {
  const email = `c${++serial}-${Date.now()}@example.com`;
  const u = await h.t.accounts.createUser({ email, password: 'customer-pass', role: 'customer' });
  await h.t.servers.importMany(
    [
      {
        externalId: `srv-${email}`,
        accountNo: u.accountNo,
        name: 'GZ',
        region: 'ap-guangzhou',
        regionKind: 'mainland',
        billingMode: 'prepaid',
        prepaidMonths: server.prepaidMonths ?? 12,
        purchasedAt: server.purchasedAt ?? '2026-10-01',
        expiresAt: server.expiresAt ?? '2027-10-01',
        publicIp: ip,
      },
    ],
    SYSTEM,
  );
  return { id: u.id, cookie: await signIn(h.t, email, 'customer-pass'), accountNo: u.accountNo, email };
}

export interface Person {
  name: string;
  certificateNumber: string;
  mobile?: string;
  email?: string;
}

/** The principal mobile of a test person: 张三 (personDraft's) keeps 13800138000, everyone else their own. */
export function mobileOf(certificateNumber: string): string {
  return certificateNumber === '440524188001010014'
    ? '13800138000'
    : `138${certificateNumber.replace(/\D/g, '').slice(-8).padStart(8, '0')}`;
}

/** A personal FIRST draft with one website per domain (same principal, so one curtain photo covers them). */
export function draftFor(domains: string | string[], person: Person, ip: string, siteName?: string) {
  const list = Array.isArray(domains) ? domains : [domains];
  const d = personDraft(list[0]!);
  // a mobile belongs to one subject (R-SUB-019): each test person gets their own unless the test names one
  const mobile = person.mobile ?? mobileOf(person.certificateNumber);
  person = { ...person, mobile };
  d.subject.name = person.name;
  d.subject.certificateNumber = person.certificateNumber;
  d.subjectPrincipal = {
    ...d.subjectPrincipal,
    name: person.name,
    certificateNumber: person.certificateNumber,
    ...(person.mobile ? { mobile: person.mobile, officePhone: person.mobile } : {}),
    ...(person.email ? { email: person.email } : {}),
  };
  d.websites[0]!.name = siteName ?? `${person.name}的技术博客`;
  d.websites[0]!.principal = {
    ...d.websites[0]!.principal,
    name: person.name,
    certificateNumber: person.certificateNumber,
    ...(person.mobile ? { mobile: person.mobile } : {}),
    ...(person.email ? { email: person.email } : {}),
  };
  d.websites[0]!.accessIps = [ip];
  const base = d.websites[0]!;
  d.websites = list.map((dom, i) => ({
    ...base,
    domains: [dom],
    name: i === 0 ? base.name : `${person.name}的网站${i + 1}`,
  }));
  const perSite = d.materials.filter((m) => m.websiteIndex === 0);
  d.materials = [
    ...d.materials,
    ...list
      .slice(1)
      .flatMap((_, i) => perSite.map((m) => ({ ...m, websiteIndex: i + 1, blobId: `${m.blobId}-${i + 1}` }))),
  ];
  return d;
}

/**
 * Drives a personal FIRST order over HTTP to PENDING_BUREAU: verify step, draft, submit, initial review (with the
 * confirmation call), a real JPEG curtain photo uploaded as multipart, 提交照片, photo re-review.
 */
export async function fileFirst(
  h: Harness,
  c: Customer,
  domain: string | string[],
  person: Person,
  ip: string,
  siteName?: string,
): Promise<string> {
  const domains = Array.isArray(domain) ? domain : [domain];
  const { t, reviewer } = h;
  const created = await t.app.inject({
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
  assert.equal(created.statusCode, 201, created.body);
  const id = created.json().id as string;
  const saved = await t.app.inject({
    method: 'PUT',
    url: `/api/v1/orders/${id}/draft`,
    headers: { cookie: c.cookie },
    payload: { version: 1, draft: draftFor(domains, person, ip, siteName) },
  });
  assert.equal(saved.statusCode, 200, saved.body);
  const submitted = await t.app.inject({
    method: 'POST',
    url: `/api/v1/orders/${id}/submit`,
    headers: { cookie: c.cookie },
    payload: { version: saved.json().version },
  });
  assert.equal(submitted.statusCode, 200, submitted.body);
  const approved = await passInitialReview(t, reviewer, id, submitted.json().version);
  assert.equal(approved.statusCode, 200, approved.body);
  assert.equal(approved.json().state, 'PHOTO_PENDING');
  const jpeg = await photo('jpeg', 1200, 900);
  const m = multipart(
    { kind: 'CURTAIN_PHOTO', websiteIndex: '0' },
    { name: 'curtain.jpg', type: 'image/jpeg', bytes: jpeg },
  );
  const up = await t.app.inject({
    method: 'POST',
    url: `/api/v1/orders/${id}/materials`,
    headers: { cookie: c.cookie, ...m.headers },
    payload: m.payload,
  });
  assert.equal(up.statusCode, 201, up.body);
  const current = (
    await t.app.inject({ method: 'GET', url: `/api/v1/orders/${id}`, headers: { cookie: c.cookie } })
  ).json();
  const photos = await t.app.inject({
    method: 'POST',
    url: `/api/v1/orders/${id}/submit-photos`,
    headers: { cookie: c.cookie },
    payload: { version: current.version },
  });
  assert.equal(photos.statusCode, 200, photos.body);
  assert.equal(photos.json().state, 'PENDING_RE_REVIEW');
  const rr = await t.app.inject({
    method: 'POST',
    url: `/api/v1/orders/${id}/re-review/approve`,
    headers: { cookie: reviewer },
    payload: { version: photos.json().version },
  });
  assert.equal(rr.statusCode, 200, rr.body);
  assert.equal(rr.json().state, 'PENDING_BUREAU');
  return id;
}

/** Signs the customer in again (a session ends after a day idle, and the tests move the clock by weeks). */
export async function fresh(h: Harness, c: Customer): Promise<Customer> {
  c.cookie = await signIn(h.t, c.email, 'customer-pass');
  return c;
}

export async function orderOf(h: Harness, c: Customer, id: string) {
  const r = await h.t.app.inject({
    method: 'GET',
    url: `/api/v1/orders/${id}`,
    headers: { cookie: (await fresh(h, c)).cookie },
  });
  assert.equal(r.statusCode, 200, r.body);
  return r.json();
}

/** Resident IDs with a valid check digit (GB 11643), from a 17-digit body. */
export function residentId(body17: string): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body17].reduce((s, c, i) => s + Number(c) * w[i]!, 0);
  return body17 + '10X98765432'[sum % 11];
}

export const REVIEWER_ACTOR = { id: null, role: 'reviewer' as const };

/**
 * T01 for an order the verify step does not create (an ACCESS of a filing at another provider, an ADD_WEBSITE with a
 * complete draft): the same `insertOrder` the lifecycle uses, with the table's creation decision.
 */
export async function createOrderDirect(
  h: Harness,
  c: Customer,
  o: { type: OrderType; variant?: string | null; province: string; draft: FilingDraft; serverIp?: string },
): Promise<string> {
  const { decideCreate } = await import('../filings/domain/transitions.ts');
  const d = decideCreate(
    { type: o.type, initiator: 'customer', authCodeId: null, bureauWorkingDays: h.t.orders.bureauDays(o.province) },
    { role: 'customer' },
  );
  assert.ok(d.ok);
  const server = o.serverIp
    ? await h.t.database.db.selectFrom('servers').select('id').where('public_ip', '=', o.serverIp).executeTakeFirst()
    : undefined;
  const id = newId();
  await h.t.database.db.transaction().execute((tx) =>
    h.t.orders.insertOrder(
      tx,
      { id: c.id, role: 'customer' },
      {
        id,
        type: o.type,
        variant: o.variant ?? null,
        province: o.province,
        subjectId: null,
        serverId: server?.id ?? null,
        authCodeId: null,
        accessIp: o.serverIp ?? null,
        draft: { ...o.draft, orderType: o.type, province: o.province as FilingDraft['province'] },
        decision: d,
      },
    ),
  );
  return id;
}

/**
 * Moves an order through submission, initial review and (where the type has one) the photo step to PENDING_BUREAU
 * at the service level: the drafts of these orders are the lifecycle's concern; here the bureau path is under test.
 */
export async function toBureau(h: Harness, c: Customer, id: string): Promise<void> {
  const owner = { id: c.id, role: 'customer' as const };
  await h.t.orders.transition(id, { type: 'SUBMIT' }, owner, { extra: { openBlockingViolations: 0 } });
  const r = await h.t.orders.transition(id, { type: 'INITIAL_APPROVE' }, REVIEWER_ACTOR);
  if (r.state === 'PHOTO_PENDING') {
    await h.t.orders.transition(id, { type: 'SUBMIT_PHOTOS' }, owner, { extra: { curtainPhotosComplete: true } });
    const rr = await h.t.orders.transition(id, { type: 'RE_REVIEW_APPROVE' }, REVIEWER_ACTOR);
    assert.equal(rr.state, 'PENDING_BUREAU');
  } else assert.equal(r.state, 'PENDING_BUREAU');
}

/** A post-filing order (change, cancellation, cancel access) through the platform's own API. */
export async function postFiling(h: Harness, c: Customer, body: Record<string, unknown>): Promise<string> {
  const r = await h.t.app.inject({
    method: 'POST',
    url: '/api/v1/orders/post-filing',
    headers: { cookie: (await fresh(h, c)).cookie },
    payload: body,
  });
  assert.equal(r.statusCode, 201, r.body);
  return r.json().id as string;
}

/** The bureau decides every pending application now; the platform syncs. */
export async function decideAndSync(h: Harness) {
  await h.sim.sim.controls.decide({ all: true });
  return h.t.bureau.sync.sync();
}

/** Files a personal FIRST and gets it approved; returns the numbers. */
export async function filed(h: Harness, c: Customer, domains: string | string[], person: Person, ip: string) {
  const id = await fileFirst(h, c, domains, person, ip);
  await h.t.bureau.sync.sync();
  const r = await decideAndSync(h);
  assert.equal(r.approved, 1, JSON.stringify(r));
  const subject = await h.t.database.db
    .selectFrom('subjects')
    .selectAll()
    .where('account_id', '=', c.id)
    .executeTakeFirstOrThrow();
  const websites = await h.t.database.db
    .selectFrom('websites')
    .selectAll()
    .where('subject_id', '=', subject.id)
    .orderBy('filing_number')
    .execute();
  return {
    orderId: id,
    subject,
    websites,
    subjectNumber: subject.filing_number!,
    websiteNumbers: websites.map((w) => w.filing_number!),
  };
}

export async function accessOf(h: Harness, domain: string) {
  return h.t.database.db.selectFrom('access_domains').selectAll().where('domain', '=', domain).executeTakeFirst();
}

export async function publicQuery(h: Harness, q: string) {
  const r = await h.t.app.inject({ method: 'GET', url: `/api/v1/public/query?${q}` });
  assert.equal(r.statusCode, 200, r.body);
  return r.json() as {
    records: { websiteFilingNumber: string; websiteName: string; subjectFilingNumber: string; domains: string[] }[];
    source: string;
  };
}
