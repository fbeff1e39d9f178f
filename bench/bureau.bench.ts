// Benchmark of the bureau module: run with `node --import tsx bench/bureau.bench.ts [--filings N] [--rows N]`.
// 1. Filings per minute through the MIIT adapter ⇄ the simulated bureau over HTTP (SOAP, ZIP, MD5, XSD both ways):
//    N FIRST orders uploaded (isp_upload), decided by the bureau (review, numbering, BASJ), downloaded and
//    acknowledged (isp_download + isp_downloadack). Goal ≥ 1,000 / min.
// 2. The public query's registry lookup by domain over 1,000,000 filed websites (and as many domains), p50 and p99,
//    beside a raw better-sqlite3 prepared-statement lookup of the same rows in the same run. Goal within 3×.
// The last line is one JSON object.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import SQLite from 'better-sqlite3';
import { MemoryUploadJournal } from '../src/modules/bureau/miit/client.ts';
import { createMiitAdapter } from '../src/modules/bureau/miit-adapter.ts';
import type { BureauSubmission } from '../src/modules/bureau/port.ts';
import { DEMO_PROVIDER, startBureauSimulator } from '../src/modules/bureau/simulator/http.ts';
import { openSimulatorDatabase, openSqliteReader } from '../src/modules/bureau/sqlite.ts';
import { createPublicQuery } from '../src/modules/registry/query.service.ts';
import { createRegistry } from '../src/modules/registry/registry.service.ts';
import type { FilingDraft } from '../src/modules/rules/draft.ts';
import { AdjustableClock } from '../src/platform/clock.ts';
import { BlindIndexer, Keyring } from '../src/platform/crypto/pii.ts';
import { openDatabase } from '../src/platform/db/database.ts';
import { migrateToLatest } from '../src/platform/db/migrate.ts';

const { values } = parseArgs({
  options: { filings: { type: 'string', default: '2000' }, rows: { type: 'string', default: '1000000' } },
});
const FILINGS = Number(values.filings);
const ROWS = Number(values.rows);
const dir = mkdtempSync(join(tmpdir(), 'beian-bureau-bench-'));

function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

function draft(i: number): FilingDraft {
  const id = `44052419900101${String(i).padStart(4, '0')}`;
  const principal = {
    name: '张三',
    certificateType: 'RESIDENT_ID' as const,
    certificateNumber: id,
    mobile: '13800138000',
    officePhone: '020-12345678',
    email: 'zhangsan@example.com',
  };
  return {
    orderType: 'FIRST',
    province: '广东',
    subject: {
      type: 'PERSONAL',
      name: '张三',
      certificateType: 'RESIDENT_ID',
      certificateNumber: id,
      certificateAddress: '广东省深圳市南山区科技园路1号',
      communicationAddress: { province: '广东', city: '深圳市', district: '南山区', detail: '科技园路1号' },
    },
    subjectPrincipal: principal,
    websites: [
      {
        name: '张三的技术博客',
        domains: [`bench-${i}.cn`, `www.bench-${i}.cn`],
        serviceContent: 'OTHER',
        languages: ['zh-CN'],
        accessIps: ['203.0.113.10'],
        principalSameAsSubject: true,
      },
    ],
  };
}

// ---------------------------------------------------------------------------------------------------------------
// 1. Filings through adapter ⇄ simulator.

async function filings() {
  const simDb = openSimulatorDatabase(join(dir, 'bureau-sim.sqlite'));
  const clock = new AdjustableClock('2026-11-02T09:00:00+08:00', { frozen: true });
  const sim = await startBureauSimulator({ port: 0, database: simDb, clock, tickMs: 0, token: 'bench' });
  const adapter = createMiitAdapter({
    baseUrl: sim.url,
    credentials: { ispId: DEMO_PROVIDER.ispId, userName: DEMO_PROVIDER.userName, password: DEMO_PROVIDER.password },
    journal: new MemoryUploadJournal(),
  });
  // warm-up (JIT, prepared statements) outside the measurement
  await adapter.submit({ orderId: 'warm', orderType: 'FIRST', ref: 1, draft: draft(9999), target: null });
  await sim.sim.controls.decide({ all: true });
  await adapter.poll(async () => {});

  const t0 = performance.now();
  for (let i = 0; i < FILINGS; i++) {
    const s: BureauSubmission = { orderId: `o${i}`, orderType: 'FIRST', ref: 1000 + i, draft: draft(i), target: null };
    await adapter.submit(s);
  }
  const t1 = performance.now();
  const decided = await sim.sim.controls.decide({ all: true });
  const t2 = performance.now();
  let approved = 0;
  let numbered = 0;
  await adapter.poll(async (inbound) => {
    approved += inbound.results.filter((r) => r.approved).length;
    numbered += inbound.filed.filter((f) => /^粤ICP备\d{8}号$/.test(f.subject.filingNumber)).length;
  });
  const t3 = performance.now();
  await sim.close();
  await simDb.close();
  if (approved !== FILINGS || numbered !== FILINGS || decided.length !== FILINGS)
    throw new Error(`expected ${FILINGS} approvals, got ${approved} (numbered ${numbered}, decided ${decided.length})`);
  const minutes = (t3 - t0) / 60_000;
  return {
    filings: FILINGS,
    upload_ms: Math.round(t1 - t0),
    decide_ms: Math.round(t2 - t1),
    download_ms: Math.round(t3 - t2),
    filings_per_min: Math.round(FILINGS / minutes),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// 2. Public query over 1,000,000 registry rows.

async function query() {
  const file = join(dir, 'beian.sqlite');
  const platform = openDatabase(`sqlite:${file}`);
  await migrateToLatest(platform);
  await platform.close();

  const raw = new SQLite(file);
  raw.pragma('journal_mode = WAL');
  raw.pragma('synchronous = OFF');
  const now = Date.now();
  raw
    .prepare(
      `insert into users (id, account_no, email, password_hash, role, display_name, disabled, created_at, updated_at) values ('u', '100000000001', 'u@example.com', 'x', 'customer', 'u', 0, ?, ?)`,
    )
    .run(now, now);
  const subj = raw.prepare(
    `insert into subjects (id, account_id, subject_key, subject_type, name, province, cert_type, cert_number_enc, cert_number_masked, filing_number, status, data_enc, created_at, updated_at, bureau_id, approved_on)
     values (?, 'u', ?, ?, ?, '广东', 'RESIDENT_ID', 'x', '4405**********0014', ?, 'FILED', null, ?, ?, ?, '2026-11-02')`,
  );
  const site = raw.prepare(
    `insert into websites (id, subject_id, name, filing_number, status, accessed_here, access_ip, server_id, data_enc, created_at, updated_at, bureau_id, approved_on)
     values (?, ?, ?, ?, 'FILED', 1, '203.0.113.10', null, null, ?, ?, ?, '2026-11-02')`,
  );
  const dom = raw.prepare(
    `insert into domains (id, website_id, subject_id, domain, status, created_at, bureau_id, host) values (?, ?, ?, ?, 'FILED', ?, ?, ?)`,
  );
  const perSubject = 4;
  const t0 = performance.now();
  raw.transaction(() => {
    for (let s = 0; s < ROWS / perSubject; s++) {
      const sid = `s${s}`;
      const number = `粤ICP备${String(26_000_000 + s).padStart(8, '0')}号`;
      subj.run(sid, `k${s}`, s % 3 ? 'ENTERPRISE' : 'PERSONAL', `示例主体${s}`, number, now, now, s);
      for (let w = 0; w < perSubject; w++) {
        const n = s * perSubject + w;
        site.run(`w${n}`, sid, `示例网站${n}`, `${number}-${w + 1}`, now, now, n);
        dom.run(`d${n}`, `w${n}`, sid, `site-${n}.cn`, now, n, `site-${n}.cn`);
      }
    }
  })();
  const loadMs = performance.now() - t0;
  raw.pragma('synchronous = NORMAL');

  // the raw lookup: the same two statements the repository runs, prepared once, no query builder
  const byDomain = raw.prepare(
    `select w.id as website_id, w.name as website_name, w.filing_number as website_number, w.approved_on,
            s.name as subject_name, s.subject_type, s.filing_number as subject_number
     from websites w join subjects s on s.id = w.subject_id join domains d on d.website_id = w.id
     where d.domain = ? and d.status = 'FILED' and w.status in ('FILED', 'SHELL') and s.status = 'FILED' limit 1`,
  );
  const domainsOf = raw.prepare(
    `select website_id, domain, host from domains where website_id in (?) and status = 'FILED'`,
  );
  const rawLookup = (domain: string) => {
    const h = byDomain.get(domain) as { website_id: string } | undefined;
    return h ? { ...h, domains: domainsOf.all(h.website_id) } : null;
  };

  const database = openDatabase(`sqlite:${file}`);
  const registry = createRegistry({
    pii: {
      keyring: Keyring.fromConfig(`k1:${Buffer.alloc(32, 1).toString('base64')}`),
      indexer: new BlindIndexer(Buffer.alloc(32, 2)),
    },
    providerId: DEMO_PROVIDER.ispId,
  });
  // as createBeian wires it for a SQLite file: the public query reads on its own connection
  const reader = openSqliteReader(`sqlite:${file}`);
  const service = createPublicQuery({ database, registry, bureau: null, reader });

  const N = 20_000;
  const picks = Array.from({ length: N + 2_000 }, () => `site-${Math.floor(Math.random() * ROWS)}.cn`);
  for (const d of picks.slice(0, 2_000)) {
    await service.fromRegistry({ domain: d });
    rawLookup(d);
  }
  const svc: number[] = [];
  const base: number[] = [];
  for (const d of picks.slice(2_000)) {
    let t = performance.now();
    const r = await service.fromRegistry({ domain: d });
    svc.push(performance.now() - t);
    if (r.length !== 1) throw new Error(`no record for ${d}`);
    t = performance.now();
    rawLookup(d);
    base.push(performance.now() - t);
  }
  svc.sort((a, b) => a - b);
  base.sort((a, b) => a - b);
  raw.close();
  reader?.close();
  await database.close();
  const r3 = (x: number) => Math.round(x * 1000) / 1000;
  return {
    rows: ROWS,
    load_s: Math.round(loadMs / 100) / 10,
    query_p50_ms: r3(pct(svc, 50)),
    query_p99_ms: r3(pct(svc, 99)),
    raw_p50_ms: r3(pct(base, 50)),
    raw_p99_ms: r3(pct(base, 99)),
    query_ratio_vs_raw: Math.round((pct(svc, 50) / pct(base, 50)) * 100) / 100,
    query_p99_ratio_vs_raw: Math.round((pct(svc, 99) / pct(base, 99)) * 100) / 100,
  };
}

try {
  const f = await filings();
  console.log(
    `filings: ${f.filings} FIRST orders through adapter ⇄ simulator in ${f.upload_ms + f.decide_ms + f.download_ms} ms ` +
      `(upload ${f.upload_ms}, decide ${f.decide_ms}, download+ack ${f.download_ms}) → ${f.filings_per_min} / min (goal ≥ 1000)`,
  );
  const q = await query();
  console.log(
    `public query by domain over ${q.rows} websites (loaded in ${q.load_s} s): p50 ${q.query_p50_ms} ms, p99 ${q.query_p99_ms} ms; ` +
      `raw prepared statement p50 ${q.raw_p50_ms} ms, p99 ${q.raw_p99_ms} ms → ${q.query_ratio_vs_raw}× at p50 (goal ≤ 3×)`,
  );
  console.log(JSON.stringify({ ...f, ...q }));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
