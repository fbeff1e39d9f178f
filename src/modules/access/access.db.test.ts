import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { testBackend } from '../../../test/support/db.ts';
import { accessRow, accessRowsSincePage, accessVersion, applyAccessChanges } from './access.repository.ts';
import { ipv4ToLong } from './host.ts';
import { exportedVersion, exportNginxMap } from './nginx-map.ts';
import { applyUnfiledSiteList, blockDomains } from './provider-blocks.ts';
import {
  type AccessTestApp,
  accessTestApp,
  addServer,
  BUREAU_ACTOR,
  domainsDraft,
  insertOrder,
  SYSTEM_ACTOR,
  seedFiledSubject,
} from './testing.ts';

const S1 = '203.0.113.10';
const H1 = '198.51.100.10';
const now = (t: AccessTestApp) => t.clock.now().getTime();
const set = (t: AccessTestApp, domain: string, decision: 'allow' | 'temp_allow' | 'block', reason: string) =>
  applyAccessChanges(t.database.db, [{ domain, decision, reason: reason as 'FILED' }], now(t));

describe(`access snapshot and gateway over the database (${testBackend})`, () => {
  let t: AccessTestApp;
  before(async () => {
    t = await accessTestApp();
  });
  after(() => t.close());

  it('R-ACS-012: full load, then every committed change is applied by the version poll, in pages', async () => {
    for (let i = 0; i < 10; i++) await set(t, `site${i}-example.cn`, 'allow', 'FILED');
    await set(t, 'site3-example.cn', 'block', 'CANCELLED');
    const gw = t.access;
    await gw.loadFull();
    assert.equal(gw.snapshot.size, 10);
    assert.equal(gw.snapshot.version, await accessVersion(t.database.db));
    assert.equal(gw.decide('www.site1-example.cn').status, 200);
    assert.equal(gw.decide('www.site3-example.cn').reason, 'CANCELLED');

    await applyAccessChanges(
      t.database.db,
      [
        { domain: 'site1-example.cn', decision: 'block', reason: 'CANCELLED' },
        { domain: 'site-new-example.cn', decision: 'temp_allow', reason: 'ACCESS_IN_REVIEW' },
      ],
      now(t),
    );
    assert.equal(gw.decide('site1-example.cn').status, 200, 'no database read per request: still the old answer');
    await gw.refresh();
    assert.equal(gw.decide('site1-example.cn').reason, 'CANCELLED');
    assert.equal(gw.decide('mail.site-new-example.cn').status, 200);
    assert.equal(gw.snapshot.version, await accessVersion(t.database.db));
  });

  it('the keyset pages of the poll return every change exactly once, whatever the page size', async () => {
    const since = await accessVersion(t.database.db);
    await applyAccessChanges(
      t.database.db,
      Array.from({ length: 7 }, (_, i) => ({
        domain: `page${i}-example.cn`,
        decision: 'allow' as const,
        reason: 'FILED' as const,
      })),
      now(t),
    );
    await set(t, 'page9-example.cn', 'allow', 'FILED');
    const seen: string[] = [];
    let cursor: { version: number; domain: string } | null = null;
    for (;;) {
      const rows = await accessRowsSincePage(t.database.db, since, cursor, 3);
      seen.push(...rows.map((r) => r.domain));
      if (rows.length < 3) break;
      const last = rows[rows.length - 1];
      cursor = { version: Number(last.version), domain: last.domain };
    }
    assert.deepEqual(seen, [...Array.from({ length: 7 }, (_, i) => `page${i}-example.cn`), 'page9-example.cn']);
  });

  it('a database whose version went backwards (restored backup) triggers a full reload', async () => {
    const gw = t.access;
    await gw.refresh();
    const before = gw.snapshot;
    await t.database.db.updateTable('settings').set({ value: '1' }).where('key', '=', 'access_version').execute();
    await gw.refresh();
    assert.notEqual(gw.snapshot, before, 'a new snapshot object');
    assert.equal(gw.snapshot.version, 1);
    assert.equal(gw.decide('page9-example.cn').status, 200);
  });

  it('FAQ-001 FAQ-208 R-ACS-003: servers of the inventory outside the mainland are never blocked; a re-classification is picked up', async () => {
    const u = await t.accounts.createUser({ email: 'hk@example.com', password: 'hk-password-1', role: 'customer' });
    await addServer(t, u.accountNo, { externalId: 'h1', ip: H1, regionKind: 'hongkong' });
    await addServer(t, u.accountNo, { externalId: 's1', ip: S1 });
    await t.access.refresh({ force: true });
    assert.deepEqual(t.access.decide('example-shop.cn', H1), { status: 200, reason: 'NON_MAINLAND', domain: null });
    assert.equal(t.access.decide('example-shop.cn', S1).reason, 'NOT_FILED');
    await addServer(t, u.accountNo, { externalId: 'h1', ip: H1, regionKind: 'mainland' });
    await t.access.refresh({ force: true });
    assert.equal(t.access.decide('example-shop.cn', H1).status, 403);
  });
});

describe(`the access listener on its own port (${testBackend})`, () => {
  let t: AccessTestApp;
  let base: string;
  before(async () => {
    t = await accessTestApp({
      env: { BEIAN_ACCESS_TOKEN: 'edge-token-for-tests', PORT: '0', BEIAN_BUREAU_SIM_PORT: '0' },
    });
    await set(t, 'example-shop.cn', 'allow', 'FILED');
    // createBeian().start(): the API listener and, beside it, the access listener with its poller
    await t.start();
    const addr = t.access.address();
    assert.ok(addr, 'the access listener is up');
    assert.notEqual(addr.port, (t.app.server.address() as { port: number }).port);
    base = `http://127.0.0.1:${addr.port}`;
  });
  after(() => t.close());

  const ask = (host: string, extra: Record<string, string> = {}) =>
    fetch(`${base}/access/check`, {
      headers: { 'x-original-host': host, 'x-beian-token': 'edge-token-for-tests', ...extra },
    });

  it('FAQ-280 FAQ-286 R-ACS-012: a change is served by the edge within seconds, with no call but the poll', async () => {
    assert.equal((await ask('www.example-new.cn')).status, 403);
    await set(t, 'example-new.cn', 'allow', 'FILED');
    const deadline = Date.now() + 5000;
    let status = 403;
    while (status !== 200 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      status = (await ask('www.example-new.cn')).status;
    }
    assert.equal(status, 200, 'visible within 5 s (poll every 1 s)');
  });

  it('token required; a request naming the listener itself (nginx without X-Original-Host) is refused, not allowed', async () => {
    assert.equal(
      (await fetch(`${base}/access/check`, { headers: { 'x-original-host': 'example-shop.cn' } })).status,
      401,
    );
    const self = await fetch(`${base}/access/check`, { headers: { 'x-beian-token': 'edge-token-for-tests' } });
    assert.equal(self.status, 400);
    assert.equal(self.headers.get('x-beian-reason'), 'NO_ORIGINAL_HOST');
    const ok = await ask('example-shop.cn');
    assert.equal(ok.status, 200);
    assert.equal(ok.headers.get('x-beian-reason'), 'FILED');
  });
});

describe(`provider and bureau writes of the projection (${testBackend})`, () => {
  let t: AccessTestApp;
  before(async () => {
    t = await accessTestApp();
  });
  after(() => t.close());

  it('FAQ-249 R-BUR-016 R-ACS-010: a bureau cancellation blocks the filed domain FILING_CANCELLED, audited', async () => {
    await set(t, 'example-shop.cn', 'allow', 'FILED');
    const r = await blockDomains(
      t.database.db,
      { domains: ['www.example-shop.cn'], reason: 'FILING_CANCELLED' },
      BUREAU_ACTOR,
      now(t),
    );
    assert.deepEqual(r.blocked, ['example-shop.cn']);
    assert.ok(r.version && r.version > 0);
    const row = await accessRow(t.database.db, 'example-shop.cn');
    assert.equal(row?.decision, 'block');
    assert.equal(row?.reason, 'FILING_CANCELLED');
    const audit = await t.database.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'access.block')
      .executeTakeFirst();
    assert.equal(audit?.actor_role, 'bureau');
    await t.access.refresh();
    assert.equal(t.access.decide('example-shop.cn').reason, 'FILING_CANCELLED');
  });

  it('R-CHG-018 R-ACS-010: a provider-initiated cancel access blocks ACCESS_CANCELLED even a served domain', async () => {
    await set(t, 'example-ok.cn', 'allow', 'FILED');
    const r = await blockDomains(
      t.database.db,
      { domains: ['example-ok.cn'], reason: 'ACCESS_CANCELLED' },
      { id: null, role: 'admin' },
      now(t),
    );
    assert.deepEqual(r.blocked, ['example-ok.cn']);
    assert.equal((await accessRow(t.database.db, 'example-ok.cn'))?.reason, 'ACCESS_CANCELLED');
  });

  it('FAQ-014 R-ACS-006: recording "filed only at P2" (keepServed) never revokes a served domain; junk is reported', async () => {
    await set(t, 'example-b.cn', 'temp_allow', 'ACCESS_IN_REVIEW');
    const r = await blockDomains(
      t.database.db,
      {
        domains: ['www.example-travel.cn', 'example-b.cn', '203.0.113.10', 'x.not-a-real-tld'],
        reason: 'NOT_ACCESSED_HERE',
        keepServed: true,
      },
      SYSTEM_ACTOR,
      now(t),
    );
    assert.deepEqual(r.blocked, ['example-travel.cn']);
    assert.deepEqual(r.kept, ['example-b.cn']);
    assert.deepEqual(r.invalid, ['203.0.113.10', 'x.not-a-real-tld']);
    assert.equal((await accessRow(t.database.db, 'example-b.cn'))?.decision, 'temp_allow');
  });

  it('WBAWZLB → WBACLJG: the unfiled-site list blocks NOT_FILED, keeps filed-here domains, and reports each entry', async () => {
    await set(t, 'example-filed.cn', 'allow', 'FILED');
    await set(t, 'example-gone.cn', 'block', 'FILING_CANCELLED');
    await set(t, 'example-acc.cn', 'temp_allow', 'ACCESS_IN_REVIEW');
    const ip = ipv4ToLong(S1)!;
    const report = await applyUnfiledSiteList(
      t.database.db,
      [
        {
          recordId: 9001,
          domain: 'www.unfiled-example.cn',
          ip,
          operatorId: 1,
          detectedAt: '2026-11-01 10:00:00',
          detections: 3,
        },
        { recordId: 9002, domain: 'example-filed.cn', ip, operatorId: 1, provinceId: 440000 },
        { recordId: 9003, domain: 'example-gone.cn', ip, operatorId: 1 },
        { recordId: 9004, domain: 'example-acc.cn', ip, operatorId: 1 },
        { recordId: 9005, domain: '203.0.113.10', ip, operatorId: 1 },
      ],
      { now: now(t), providerId: 7001, provinceId: 110000, actor: BUREAU_ACTOR, reporter: { name: '李四' } },
    );
    assert.deepEqual(
      report.map((r) => [r.recordId, r.outcome, r.registrableDomain, r.resultCode]),
      [
        [9001, 'BLOCKED', 'unfiled-example.cn', 1],
        [9002, 'FILED_HERE', 'example-filed.cn', 2],
        [9003, 'ALREADY_BLOCKED', 'example-gone.cn', 1],
        [9004, 'BLOCKED', 'example-acc.cn', 1],
        [9005, 'INVALID_DOMAIN', null, 3],
      ],
    );
    const first = report[0];
    assert.equal(first.domain, 'www.unfiled-example.cn');
    assert.equal(first.ip, ip);
    assert.equal(first.providerId, 7001);
    assert.equal(first.provinceId, 110000);
    assert.equal(report[1].provinceId, 440000);
    assert.equal(first.listedOn, '2026-11-02');
    assert.equal(first.handledBy, '2026-11-02');
    assert.match(first.opinion, /阻断/);
    assert.deepEqual(first.reporter, { name: '李四' });

    const row = (d: string) => accessRow(t.database.db, d);
    assert.equal((await row('unfiled-example.cn'))?.reason, 'NOT_FILED');
    assert.equal((await row('example-filed.cn'))?.decision, 'allow');
    assert.equal((await row('example-gone.cn'))?.reason, 'FILING_CANCELLED', 'the more specific reason stays');
    assert.equal((await row('example-acc.cn'))?.decision, 'block', 'the listing revokes a temporary access');
    const audit = await t.database.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'access.unfiled_list_applied')
      .executeTakeFirstOrThrow();
    assert.equal(JSON.parse(audit.details ?? '{}').blocked, 2);

    const codes = await applyUnfiledSiteList(
      t.database.db,
      [{ recordId: 9006, domain: 'another-unfiled.cn', ip, operatorId: 1 }],
      { now: now(t), providerId: 7001, provinceId: 110000, actor: BUREAU_ACTOR, codes: { BLOCKED: 11 } },
    );
    assert.equal(codes[0].resultCode, 11, 'codes follow the bureau table the adapter downloads');
  });
});

describe(`transition() writes, as the gateway answers them (${testBackend})`, () => {
  let t: AccessTestApp;
  let customer: { id: string; role: 'customer' };
  let reviewer: { id: string; role: 'reviewer' };
  before(async () => {
    t = await accessTestApp();
    const u = await t.accounts.createUser({ email: 'acc@example.com', password: 'acc-password-1', role: 'customer' });
    const r = await t.accounts.createUser({ email: 'rev@example.com', password: 'rev-password-1', role: 'reviewer' });
    customer = { id: u.id, role: 'customer' };
    reviewer = { id: r.id, role: 'reviewer' };
    await addServer(t, u.accountNo, { externalId: 's2', ip: '203.0.113.11' });
  });
  after(() => t.close());

  const decide = async (host: string) => {
    await t.access.refresh();
    return t.access.decide(host, '203.0.113.11');
  };

  it('FAQ-007 FAQ-283 FAQ-282 FAQ-285 FAQ-284 R-ACS-007: ACCESS blocked until initial review passes, served through PENDING_BUREAU, blocked again on expiry', async () => {
    // example-travel.cn is filed, with its only access record at P2 (the registry sync records that)
    await seedFiledSubject(t, {
      accountId: customer.id,
      name: '张三',
      certificateType: 'RESIDENT_ID',
      certificateNumber: '440524188001010014',
      filingNumber: '粤ICP备18000002号',
      websites: [{ domains: ['example-travel.cn'], accessedHere: false }],
    });
    await blockDomains(
      t.database.db,
      { domains: ['example-travel.cn'], reason: 'NOT_ACCESSED_HERE', keepServed: true },
      SYSTEM_ACTOR,
      now(t),
    );
    assert.equal((await decide('www.example-travel.cn')).reason, 'NOT_ACCESSED_HERE');

    // the verify step detects ACCESS from the registry (R-ORD-004)
    const o = await t.orders.create(customer, {
      subject: {
        type: 'PERSONAL',
        certificateType: 'RESIDENT_ID',
        certificateNumber: '440524188001010014',
        name: '张三',
      },
      province: '广东',
      domains: ['example-travel.cn'],
    });
    assert.equal(o.type, 'ACCESS');
    // SUBMIT as submit() does once the rule check passes (the ACCESS materials flow belongs to the materials module)
    let v = (await t.orders.transition(o.id, { type: 'SUBMIT' }, customer, { extra: { openBlockingViolations: 0 } }))
      .version;
    assert.equal((await decide('example-travel.cn')).status, 403, 'T02: still blocked in PENDING_INITIAL_REVIEW');

    // FAQ-283: initial review rejects → still blocked
    v = (
      await t.orders.transition(o.id, { type: 'INITIAL_REJECT', reasons: ['R-SUB-010'] }, reviewer, {
        expectedVersion: v,
        rejection: [{ code: 'R-SUB-010', field: 'subject.name', message: '姓名与证件不一致' }],
      })
    ).version;
    assert.deepEqual(await decide('example-travel.cn'), {
      status: 403,
      reason: 'NOT_ACCESSED_HERE',
      domain: 'example-travel.cn',
    });

    v = (await t.orders.transition(o.id, { type: 'RESUBMIT' }, customer, { extra: { openBlockingViolations: 0 } }))
      .version;
    // FAQ-282: initial review passes → temporary access, www. included
    const passed = await t.orders.transition(o.id, { type: 'INITIAL_APPROVE' }, reviewer, { expectedVersion: v });
    assert.equal(passed.state, 'PHOTO_PENDING');
    assert.deepEqual(await decide('www.example-travel.cn'), {
      status: 200,
      reason: 'ACCESS_IN_REVIEW',
      domain: 'example-travel.cn',
    });

    // FAQ-284: 45 days in PHOTO_PENDING → EXPIRED, temporary access revoked
    t.clock.advance(45 * 86_400_000 + 60_000);
    const expired = await t.orders.transition(o.id, { type: 'EXPIRE_45D', at: t.clock.now() }, SYSTEM_ACTOR);
    assert.equal(expired.state, 'EXPIRED');
    assert.deepEqual(await decide('www.example-travel.cn'), {
      status: 403,
      reason: 'NOT_ACCESSED_HERE',
      domain: 'example-travel.cn',
    });
  });

  it('FAQ-285 R-ACS-007: an ACCESS order in PENDING_BUREAU keeps its temporary access; approval makes it permanent', async () => {
    const id = await insertOrder(t, {
      accountId: customer.id,
      type: 'ACCESS',
      state: 'PENDING_RE_REVIEW',
      draft: domainsDraft('ACCESS', [['example-b.cn']]),
      initialPassed: true,
    });
    await set(t, 'example-b.cn', 'temp_allow', 'ACCESS_IN_REVIEW');
    const r = await t.orders.transition(id, { type: 'RE_REVIEW_APPROVE' }, reviewer);
    assert.equal(r.state, 'PENDING_BUREAU');
    assert.equal((await decide('example-b.cn')).reason, 'ACCESS_IN_REVIEW');
    await t.orders.transition(id, { type: 'BUREAU_APPROVE' }, BUREAU_ACTOR);
    assert.deepEqual(await decide('www.example-b.cn'), { status: 200, reason: 'FILED', domain: 'example-b.cn' });
  });

  it('FAQ-288 R-ACS-009: a CHANGE_SUBJECT order never changes access, through review and a bureau rejection', async () => {
    await set(t, 'example-shop.cn', 'allow', 'FILED');
    const id = await insertOrder(t, {
      accountId: customer.id,
      type: 'CHANGE_SUBJECT',
      state: 'PENDING_INITIAL_REVIEW',
      draft: domainsDraft('CHANGE_SUBJECT', [['example-shop.cn']]),
    });
    const r1 = await t.orders.transition(id, { type: 'INITIAL_APPROVE' }, reviewer);
    assert.equal(r1.state, 'PHOTO_PENDING');
    assert.equal((await decide('example-shop.cn')).status, 200);
    await t.orders.transition(id, { type: 'SUBMIT_PHOTOS' }, customer, { extra: { curtainPhotosComplete: true } });
    assert.equal((await decide('example-shop.cn')).status, 200);
    const r2 = await t.orders.transition(id, { type: 'RE_REVIEW_APPROVE' }, reviewer);
    assert.equal(r2.state, 'PENDING_BUREAU');
    assert.equal((await decide('example-shop.cn')).status, 200);
    const r3 = await t.orders.transition(
      id,
      { type: 'BUREAU_REJECT', reasons: ['X'], photoFlagged: false },
      BUREAU_ACTOR,
    );
    assert.equal(r3.state, 'BUREAU_REJECTED');
    assert.deepEqual(await decide('example-shop.cn'), { status: 200, reason: 'FILED', domain: 'example-shop.cn' });
  });

  it('FAQ-231 R-ACS-010: CANCEL_WEBSITE of -1 blocks its domains (CANCELLED) and leaves -2 served', async () => {
    await set(t, 'site-one.cn', 'allow', 'FILED');
    await set(t, 'site-two.cn', 'allow', 'FILED');
    const id = await insertOrder(t, {
      accountId: customer.id,
      type: 'CANCEL_WEBSITE',
      state: 'PENDING_BUREAU',
      draft: domainsDraft('CANCEL_WEBSITE', [['site-one.cn']]),
    });
    assert.equal((await decide('site-one.cn')).status, 200, 'CXL stays allowed until approval');
    await t.orders.transition(id, { type: 'BUREAU_APPROVE' }, BUREAU_ACTOR);
    assert.deepEqual(await decide('www.site-one.cn'), { status: 403, reason: 'CANCELLED', domain: 'site-one.cn' });
    assert.equal((await decide('www.site-two.cn')).status, 200);
  });
});

describe(`nginx map export (${testBackend})`, () => {
  let t: AccessTestApp;
  let dir: string;
  before(async () => {
    t = await accessTestApp();
    dir = mkdtempSync(join(tmpdir(), 'beian-map-'));
  });
  after(async () => {
    await t.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('R-ACS-005 R-ACS-006: served domains become `.domain REASON` hostnames entries; blocked ones and unsafe keys never appear', async () => {
    await set(t, 'example-shop.cn', 'allow', 'FILED');
    await set(t, 'example-shop.com.cn', 'allow', 'FILED');
    await set(t, 'example-b.cn', 'temp_allow', 'ACCESS_IN_REVIEW');
    await set(t, 'example-travel.cn', 'block', 'NOT_ACCESSED_HERE');
    // a row that must never reach an nginx config verbatim
    await set(t, 'evil.cn;}server{', 'allow', 'FILED');
    const out = join(dir, 'beian-access.map');
    const r = await exportNginxMap(t.database, { out, pageSize: 2 });
    assert.equal(r.written, true);
    assert.equal(r.domains, 3);
    const text = readFileSync(out, 'utf8');
    assert.match(text, /map \$host \$beian_access_reason \{\n\s+hostnames;\n\s+default NOT_FILED;/);
    assert.match(text, /^ {4}\.example-shop\.cn FILED;$/m);
    assert.match(text, /^ {4}\.example-shop\.com\.cn FILED;$/m);
    assert.match(text, /^ {4}\.example-b\.cn ACCESS_IN_REVIEW;$/m);
    assert.doesNotMatch(text, /example-travel/);
    assert.doesNotMatch(text, /evil/);
    assert.match(text, /map \$beian_access_reason \$beian_access_blocked \{/);
    assert.equal(await exportedVersion(out), await accessVersion(t.database.db));
    assert.deepEqual(
      readdirSync(dir).filter((f) => f.endsWith('.tmp')),
      [],
      'the temporary file was renamed into place',
    );
  });

  it('incremental mode: nothing written when the version is unchanged; a delta file when it changed', async () => {
    const out = join(dir, 'beian-access.map');
    const first = await exportNginxMap(t.database, { out, incremental: true });
    assert.equal(first.written, false);
    await set(t, 'example-travel.cn', 'temp_allow', 'ACCESS_IN_REVIEW');
    await set(t, 'example-shop.cn', 'block', 'CANCELLED');
    const second = await exportNginxMap(t.database, { out, incremental: true });
    assert.equal(second.written, true);
    assert.equal(second.previousVersion, first.version);
    assert.ok(second.deltaPath && existsSync(second.deltaPath));
    const delta = readFileSync(second.deltaPath, 'utf8');
    assert.match(delta, new RegExp(`^# beian-access-delta: ${first.version} -> ${second.version}$`, 'm'));
    assert.match(delta, /^\+ \.example-travel\.cn ACCESS_IN_REVIEW$/m);
    assert.match(delta, /^- \.example-shop\.cn CANCELLED$/m);
    assert.equal(second.deltaLines, 2);
    const text = readFileSync(out, 'utf8');
    assert.match(text, /\.example-travel\.cn ACCESS_IN_REVIEW;/);
    assert.doesNotMatch(text, /\.example-shop\.cn /);
  });
});
