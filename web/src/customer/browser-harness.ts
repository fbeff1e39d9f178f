import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'node:test';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import type { PreviewServer } from 'vite';
import { seedDemo } from '../../../src/cli/seed-demo.ts';
import { applyAccessChanges } from '../../../src/modules/access/access.repository.ts';
import { photo } from '../../../src/modules/materials/test-images.ts';
import { type Beian, createBeian } from '../../../src/platform/beian.ts';
import { loadConfig } from '../../../src/platform/config.ts';
import { loadPiiCrypto } from '../../../src/platform/crypto/boot.ts';
import { newId } from '../../../src/platform/db/ids.ts';

/**
 * Browser tests of the customer console against a real Beian: createBeian + start() on an ephemeral port, a temp
 * data directory, SQLite and the demo seed. The built console (web/dist, built here when stale) is served by
 * `vite preview` with /api proxied to that Beian — the preview server is what STACK.md names for browser tests,
 * and it keeps these journeys independent of how the platform itself serves static files.
 */

const root = join(import.meta.dirname, '../../..');
export const SHOTS_DIR = join(root, 'artifacts', 'screenshots');
export const DESKTOP = { width: 1280, height: 800 } as const;
export const MOBILE = { width: 390, height: 844 } as const;
const CHROMIUM = process.env.BEIAN_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Stack {
  beian: Beian;
  apiUrl: string;
  webUrl: string;
  dataDir: string;
  browser: Browser;
  /** Signs in through the API and returns a client that carries the session (for reviewer/admin steps). */
  as(email: string, password: string): Promise<ApiClient>;
  signUp(email: string, password: string, displayName?: string): Promise<ApiClient>;
  close(): Promise<void>;
}

export interface ApiClient {
  call<T = unknown>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
  /** multipart upload of a material (the console's own upload call). */
  upload<T = unknown>(
    path: string,
    fields: Record<string, string>,
    file: { name: string; bytes: Uint8Array; type: string },
  ): Promise<{ status: number; body: T }>;
}

function ensureWebBuilt() {
  const r = spawnSync(process.execPath, [join(root, 'scripts', 'build-web.mjs')], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`web build failed:\n${r.stdout}\n${r.stderr}`);
}

export async function startStack(): Promise<Stack> {
  ensureWebBuilt();
  const dataDir = mkdtempSync(join(tmpdir(), 'beian-browser-'));
  const config = loadConfig({
    BEIAN_MODE: 'demo',
    BEIAN_DATA_DIR: dataDir,
    HOST: '127.0.0.1',
    PORT: '0',
    BEIAN_ACCESS_PORT: '0',
    BEIAN_BUREAU_SIM_PORT: '0',
    BEIAN_SERVER_SYNC_DELAY_MINUTES: '0',
    LOG_LEVEL: 'silent',
  });
  const beian = await createBeian(config, { logger: false });
  await seedDemo(beian);
  await beian.start();
  const apiUrl = `http://127.0.0.1:${(beian.app.server.address() as AddressInfo).port}`;
  // each stack serves its own copy of the build, so a rebuild by a parallel test file cannot change it mid-journey
  const webCopy = join(dataDir, 'web');
  cpSync(join(root, 'web', 'dist'), webCopy, { recursive: true });
  const { preview } = await import('vite');
  const server: PreviewServer = await preview({
    configFile: join(root, 'web', 'vite.config.ts'),
    logLevel: 'silent',
    build: { outDir: webCopy },
    // the object form keeps the Host header (the string form would rewrite it and trip the API's origin check)
    preview: { host: '127.0.0.1', port: 0, strictPort: false, proxy: { '/api': { target: apiUrl } } },
  });
  const webUrl = `http://127.0.0.1:${(server.httpServer.address() as AddressInfo).port}`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });

  async function as(email: string, password: string): Promise<ApiClient> {
    const res = await fetch(`${apiUrl}/api/v1/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    if (res.status !== 200) throw new Error(`sign-in ${email}: ${res.status} ${await res.text()}`);
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
    return {
      async call<T>(method: string, path: string, body?: unknown) {
        const r = await fetch(`${apiUrl}${path}`, {
          method,
          headers: { cookie, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        const text = await r.text();
        return { status: r.status, body: (text ? JSON.parse(text) : null) as T };
      },
      async upload<T>(
        path: string,
        fields: Record<string, string>,
        file: { name: string; bytes: Uint8Array; type: string },
      ) {
        const form = new FormData();
        for (const [k, v] of Object.entries(fields)) form.append(k, v);
        // a copy into a plain ArrayBuffer: Blob takes no views over shared memory
        form.append('file', new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name);
        const r = await fetch(`${apiUrl}${path}`, { method: 'POST', headers: { cookie }, body: form });
        const text = await r.text();
        return { status: r.status, body: (text ? JSON.parse(text) : null) as T };
      },
    };
  }

  async function signUp(email: string, password: string, displayName?: string): Promise<ApiClient> {
    const r = await fetch(`${apiUrl}/api/v1/auth/sign-up`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password, ...(displayName ? { displayName } : {}) }),
    });
    if (r.status !== 201) throw new Error(`sign-up ${email}: ${r.status} ${await r.text()}`);
    return as(email, password);
  }

  return {
    beian,
    apiUrl,
    signUp,
    webUrl,
    dataDir,
    browser,
    as,
    async close() {
      await browser.close();
      await server.close();
      await beian.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A page that fails the test on uncaught page errors; returns the list so a test can assert it is empty. */
export async function openPage(
  stack: Stack,
  lang: 'zh' | 'en' = 'zh',
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await stack.browser.newContext({
    viewport: { ...DESKTOP },
    locale: lang === 'zh' ? 'zh-CN' : 'en-US',
    timezoneId: 'Asia/Shanghai',
  });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return { context, page, errors };
}

/**
 * A screenshot at both sizes of the same state: the page is resized to a phone (390×844) and back, so transient
 * states (a result card, a modal) are captured too. Full-page, so nothing below the fold is missed.
 */
/** Sticky header and wizard footer would be painted mid-page in a full-page capture; they are static while shooting. */
const SHOT_STYLE = '.app-header.ant-layout-header, .wizard-footer { position: static !important; }';

export async function snap(page: Page, dir: string, name: string, opts: { fullPage?: boolean } = {}) {
  const fullPage = opts.fullPage ?? true;
  const out = join(SHOTS_DIR, dir);
  mkdirSync(out, { recursive: true });
  await settle(page);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(out, `${name}-1280.png`), fullPage, style: SHOT_STYLE });
  await page.setViewportSize({ ...MOBILE });
  await settle(page);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(out, `${name}-390.png`), fullPage, style: SHOT_STYLE });
  await page.setViewportSize({ ...DESKTOP });
  await settle(page);
}

/**
 * `it` that saves a screenshot of the page when the step fails, so a failing journey shows where it stopped
 * (artifacts/screenshots/<dir>/FAILED-<n>.png).
 */
export function stepWithShots(getPage: () => Page | undefined, dir: string) {
  let n = 0;
  return (name: string, fn: () => Promise<void>) =>
    it(name, async () => {
      const k = ++n;
      try {
        await fn();
      } catch (err) {
        const page = getPage();
        if (page) {
          mkdirSync(join(SHOTS_DIR, dir), { recursive: true });
          await page
            .screenshot({
              path: join(SHOTS_DIR, dir, `FAILED-${String(k).padStart(2, '0')}.png`),
              fullPage: true,
              style: SHOT_STYLE,
            })
            .catch(() => {});
        }
        throw err;
      }
    });
}

/** Waits until requests and antd's animations are done. */
export async function settle(page: Page) {
  await page.waitForLoadState('networkidle').catch(() => {});
  await page.waitForTimeout(350);
}

/** Image files made with sharp, written where Playwright can hand them to a file input. */
export async function imageFiles(dir: string) {
  mkdirSync(dir, { recursive: true });
  const files = {
    jpeg: join(dir, 'scan.jpg'),
    jpeg2: join(dir, 'scan-2.jpg'),
    png: join(dir, 'scan.png'),
    gif: join(dir, 'photo.gif'),
    broken: join(dir, 'broken.jpg'),
  };
  writeFileSync(files.jpeg, await photo('jpeg', 1000, 700));
  writeFileSync(files.jpeg2, await photo('jpeg', 900, 1200));
  writeFileSync(files.png, await photo('png', 800, 600));
  writeFileSync(files.gif, await photo('gif', 600, 800));
  // a JPEG cut off half-way: the platform's full decode refuses it (R-MAT-001)
  const whole = await photo('jpeg', 1000, 700);
  writeFileSync(files.broken, whole.subarray(0, Math.floor(whole.length / 2)));
  return files;
}

/** The admin gives a customer a prepaid mainland server, as the billing system would (R-ACC-006..012). */
export async function giveServer(stack: Stack, accountNo: string, ip = '203.0.113.77') {
  const admin = await stack.as('admin@demo.beian', 'demo-admin-1');
  const today = new Date(stack.beian.clock.now().getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
  const inAYear = `${Number(today.slice(0, 4)) + 1}${today.slice(4)}`;
  const r = await admin.call('POST', '/api/v1/admin/servers/import', {
    servers: [
      {
        externalId: `browser-${accountNo}-${ip}`,
        accountNo,
        name: '广州 CVM',
        region: 'ap-guangzhou',
        regionKind: 'mainland',
        billingMode: 'prepaid',
        prepaidMonths: 12,
        purchasedAt: today,
        expiresAt: inAYear,
        publicIp: ip,
      },
    ],
  });
  if (r.status !== 200) throw new Error(`server import: ${r.status} ${JSON.stringify(r.body)}`);
}

/**
 * A subject bound to `accountId` whose website is filed through ANOTHER provider (not accessed here): the bureau
 * record the provider has synced for R-ORD-004's access case. Written straight into the registry tables with the
 * platform's own keys, because registry data only arrive through the bureau module, which is not wired in yet.
 */
export async function fileElsewhere(
  stack: Stack,
  accountId: string,
  s: {
    certType: string;
    certNumber: string;
    name: string;
    province: string;
    filingNumber: string;
    websites: { name: string; domain: string }[];
    /** true: the websites are accessed at this provider too (a subject filed and accessed here). */
    accessedHere?: boolean;
  },
) {
  const pii = loadPiiCrypto(stack.beian.config);
  const db = stack.beian.database.db;
  const t = stack.beian.clock.now().getTime();
  const subjectId = newId();
  await db
    .insertInto('subjects')
    .values({
      id: subjectId,
      account_id: accountId,
      subject_key: pii.indexer.blindIndex(`${s.certType}:${s.certNumber.toUpperCase()}`, 'subject.cert'),
      subject_type: 'PERSONAL',
      name: s.name,
      province: s.province,
      cert_type: s.certType,
      cert_number_enc: pii.keyring.encryptString(s.certNumber, `subjects.cert.${subjectId}`),
      cert_number_masked: `${s.certNumber.slice(0, 4)}**********${s.certNumber.slice(-4)}`,
      filing_number: s.filingNumber,
      status: 'FILED',
      data_enc: null,
      created_at: t,
      updated_at: t,
    })
    .execute();
  const websiteIds: string[] = [];
  for (const [i, w] of s.websites.entries()) {
    const websiteId = newId();
    websiteIds.push(websiteId);
    await db
      .insertInto('websites')
      .values({
        id: websiteId,
        subject_id: subjectId,
        name: w.name,
        filing_number: `${s.filingNumber.replace(/号$/, '')}号-${i + 1}`,
        status: 'FILED',
        accessed_here: s.accessedHere ? 1 : 0,
        access_ip: s.accessedHere ? '203.0.113.77' : null,
        server_id: null,
        data_enc: null,
        created_at: t,
        updated_at: t,
      })
      .execute();
    await db
      .insertInto('domains')
      .values({
        id: newId(),
        website_id: websiteId,
        subject_id: subjectId,
        domain: w.domain,
        status: 'FILED',
        created_at: t,
      })
      .execute();
  }
  // as the bureau sync does with an approval: websites accessed here are served by the gateway (R-ACS-006)
  if (s.accessedHere)
    await db.transaction().execute((tx) =>
      applyAccessChanges(
        tx,
        s.websites.map((w) => ({ domain: w.domain, decision: 'allow', reason: 'FILED', subjectId })),
        t,
      ),
    );
  return { subjectId, websiteIds };
}

/** Reviewer steps through the API (the back office is tested on its own): the confirmation call, then the decision. */
export async function reviewer(stack: Stack) {
  const api = await stack.as('reviewer@demo.beian', 'demo-reviewer-1');
  const version = async (orderId: string) =>
    (await api.call<{ version: number }>('GET', `/api/v1/orders/${orderId}`)).body.version;
  const expectOk = (r: { status: number; body: unknown }, what: string) => {
    if (r.status >= 300) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
    return r;
  };
  return {
    /** R-ORD-018: the call reaches the subject principal, then initial review passes (T05). */
    async approveInitial(orderId: string) {
      expectOk(await api.call('POST', `/api/v1/review/orders/${orderId}/calls`, { outcome: 'reached' }), 'call');
      expectOk(
        await api.call('POST', `/api/v1/orders/${orderId}/initial-review/approve`, { version: await version(orderId) }),
        'initial approve',
      );
    },
    async rejectInitial(orderId: string, reasons: { code: string; field: string; message: string; fix?: string }[]) {
      expectOk(
        await api.call('POST', `/api/v1/orders/${orderId}/initial-review/reject`, {
          version: await version(orderId),
          reasons,
        }),
        'initial reject',
      );
    },
    async approveReReview(orderId: string) {
      expectOk(
        await api.call('POST', `/api/v1/orders/${orderId}/re-review/approve`, { version: await version(orderId) }),
        're-review approve',
      );
    },
    async rejectReReview(orderId: string, reasons: { code: string; field: string; message: string; fix?: string }[]) {
      expectOk(
        await api.call('POST', `/api/v1/orders/${orderId}/re-review/reject`, {
          version: await version(orderId),
          reasons,
        }),
        're-review reject',
      );
    },
  };
}

/** A complete personal FIRST draft (the same data as personDraft() of the lifecycle tests), without its uploads. */
export function personalDraft(domain: string, ip: string) {
  const person = {
    name: '张三',
    certificateType: 'RESIDENT_ID',
    certificateNumber: '440524188001010014',
    certificateValidTo: '2040-01-01',
    mobile: '13800138000',
    email: 'zhangsan@example.com',
    emergencyContact: { name: '李四', mobile: '13900139000' },
  };
  return {
    orderType: 'FIRST',
    province: '广东',
    subject: {
      type: 'PERSONAL',
      name: '张三',
      certificateType: 'RESIDENT_ID',
      certificateNumber: '440524188001010014',
      certificateValidFrom: '2020-01-01',
      certificateValidTo: '2040-01-01',
      certificateAddress: '广东省深圳市南山区科技园路1号',
      communicationAddress: { province: '广东', city: '深圳市', district: '南山区', detail: '科技园路1号' },
    },
    subjectPrincipal: { ...person, officePhone: '13800138000' },
    websites: [
      {
        name: '张三的技术博客',
        domains: [domain],
        serviceContent: 'OTHER',
        nature: 'PERSONAL_BLOG',
        languages: ['zh-CN'],
        accessIps: [ip],
        principalSameAsSubject: true,
      },
    ],
  };
}

/**
 * Puts a personal FIRST order into initial review through the API, as the console would (verify, save, upload,
 * submit), for journeys that start later in the lifecycle.
 */
export async function submittedOrder(stack: Stack, email: string, domain: string, ip: string) {
  const customer = await stack.signUp(email, 'customer-password', '张三');
  const me = await customer.call<{ accountNo: string }>('GET', '/api/v1/auth/me');
  await giveServer(stack, me.body.accountNo, ip);
  const created = await customer.call<{ id: string; version: number }>('POST', '/api/v1/orders', {
    subject: {
      type: 'PERSONAL',
      certificateType: 'RESIDENT_ID',
      certificateNumber: '440524188001010014',
      name: '张三',
    },
    province: '广东',
    domains: [domain],
  });
  if (created.status !== 201) throw new Error(`verify: ${JSON.stringify(created.body)}`);
  const id = created.body.id;
  const saved = await customer.call<{ version: number }>('PUT', `/api/v1/orders/${id}/draft`, {
    version: created.body.version,
    draft: personalDraft(domain, ip),
  });
  if (saved.status !== 200) throw new Error(`save: ${JSON.stringify(saved.body)}`);
  const jpeg = await photo('jpeg', 1000, 700);
  for (const [kind, websiteIndex] of [
    ['SUBJECT_CERT_FRONT', undefined],
    ['SUBJECT_CERT_BACK', undefined],
    ['HANDHELD_PHOTO', 0],
    ['VERIFICATION_SHEET', 0],
  ] as const) {
    const r = await customer.upload(
      `/api/v1/orders/${id}/materials`,
      { kind, ...(websiteIndex === undefined ? {} : { websiteIndex: String(websiteIndex) }) },
      { name: 'scan.jpg', bytes: jpeg, type: 'image/jpeg' },
    );
    if (r.status !== 201) throw new Error(`upload ${kind}: ${JSON.stringify(r.body)}`);
  }
  // the sheet is declared signed (R-MAT-010), as the console's checkbox does
  const order = await customer.call<{ version: number; draft: { materials: { kind: string }[] } }>(
    'GET',
    `/api/v1/orders/${id}`,
  );
  const draft = {
    ...personalDraft(domain, ip),
    materials: order.body.draft.materials.map((m) => (m.kind === 'VERIFICATION_SHEET' ? { ...m, signed: true } : m)),
  };
  const resaved = await customer.call<{ version: number }>('PUT', `/api/v1/orders/${id}/draft`, {
    version: order.body.version,
    draft,
  });
  if (resaved.status !== 200) throw new Error(`save: ${JSON.stringify(resaved.body)}`);
  const submitted = await customer.call('POST', `/api/v1/orders/${id}/submit`, { version: resaved.body.version });
  if (submitted.status !== 200) throw new Error(`submit: ${JSON.stringify(submitted.body)}`);
  return { id, customer, email, password: 'customer-password' };
}

/**
 * A control call to the bureau simulator Beian runs in-process in demo mode (src/modules/bureau/README.md): the test
 * plays the bureau (decide, clock, settings) the way an operator of the simulator would, over its HTTP controls.
 */
export async function simControl<T = unknown>(
  stack: Stack,
  method: 'GET' | 'POST' | 'PUT',
  path: string,
  body?: unknown,
): Promise<T> {
  const sim = stack.beian.bureau.simulator();
  if (!sim) throw new Error('the bureau simulator is not running (demo mode without BEIAN_BUREAU_URL runs it)');
  const res = await fetch(`${sim.url}${path}`, {
    method,
    headers: { 'x-sim-token': sim.token, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return (text ? JSON.parse(text) : null) as T;
}

/** The provider's bureau sync (uploads, then downloads), run by an admin over the API as the console's button does. */
export async function bureauSync(stack: Stack) {
  const admin = await stack.as('admin@demo.beian', 'demo-admin-1');
  const r = await admin.call('POST', '/api/v1/bureau/sync');
  if (r.status !== 200) throw new Error(`bureau sync: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

/**
 * Asks the access listener (the edge's /access/check, src/modules/access) about a host, as nginx's auth_request does:
 * the original host in X-Original-Host. Loopback callers need no token when BEIAN_ACCESS_TOKEN is unset.
 */
export async function accessCheck(stack: Stack, host: string): Promise<{ status: number; reason: string | null }> {
  const addr = stack.beian.access.address();
  if (!addr) throw new Error('the access listener is not up');
  const res = await fetch(`http://127.0.0.1:${addr.port}/access/check`, { headers: { 'x-original-host': host } });
  await res.arrayBuffer();
  return { status: res.status, reason: res.headers.get('x-beian-reason') };
}

/** Signs the browser page in through the sign-in form. */
export async function signInPage(page: Page, stack: Stack, email: string, password: string) {
  await page.goto(`${stack.webUrl}/sign-in`);
  await page.getByLabel('邮箱').fill(email);
  await page.getByLabel('密码').fill(password);
  await page.getByLabel('密码').press('Enter');
  await page.waitForURL(/\/(console|review|admin)/);
}
