import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'node:test';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import type { PreviewServer } from 'vite';
import { seedDemo } from '../../../src/cli/seed-demo.ts';
import { newId } from '../../../src/platform/db/ids.ts';
import { photo } from '../../../src/modules/materials/test-images.ts';
import { type Beian, createBeian } from '../../../src/platform/beian.ts';
import { loadConfig } from '../../../src/platform/config.ts';
import { loadPiiCrypto } from '../../../src/platform/crypto/boot.ts';

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
  close(): Promise<void>;
}

export interface ApiClient {
  call<T = unknown>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
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
  const { preview } = await import('vite');
  const server: PreviewServer = await preview({
    configFile: join(root, 'web', 'vite.config.ts'),
    logLevel: 'silent',
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
    };
  }

  return {
    beian,
    apiUrl,
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
export async function openPage(stack: Stack, lang: 'zh' | 'en' = 'zh'): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
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

export async function snap(page: Page, dir: string, name: string) {
  const out = join(SHOTS_DIR, dir);
  mkdirSync(out, { recursive: true });
  await settle(page);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(out, `${name}-1280.png`), fullPage: true, style: SHOT_STYLE });
  await page.setViewportSize({ ...MOBILE });
  await settle(page);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(out, `${name}-390.png`), fullPage: true, style: SHOT_STYLE });
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
            .screenshot({ path: join(SHOTS_DIR, dir, `FAILED-${String(k).padStart(2, '0')}.png`), fullPage: true, style: SHOT_STYLE })
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
  s: { certType: string; certNumber: string; name: string; province: string; filingNumber: string; website: string; domain: string },
) {
  const pii = loadPiiCrypto(stack.beian.config);
  const db = stack.beian.database.db;
  const t = stack.beian.clock.now().getTime();
  const subjectId = newId();
  const websiteId = newId();
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
  await db
    .insertInto('websites')
    .values({
      id: websiteId,
      subject_id: subjectId,
      name: s.website,
      filing_number: `${s.filingNumber}-1`,
      status: 'FILED',
      accessed_here: 0,
      access_ip: null,
      server_id: null,
      data_enc: null,
      created_at: t,
      updated_at: t,
    })
    .execute();
  await db
    .insertInto('domains')
    .values({ id: newId(), website_id: websiteId, subject_id: subjectId, domain: s.domain, status: 'FILED', created_at: t })
    .execute();
  return { subjectId, websiteId };
}
