import SQLite from '/work/main/node_modules/better-sqlite3/lib/index.js';
import { Kysely, SqliteDialect } from '/work/main/node_modules/kysely/dist/esm/index.js';
import { AdjustableClock } from '/work/main/src/platform/clock.ts';
import { DEMO_PROVIDER, startBureauSimulator } from '/work/main/src/modules/bureau/simulator/http.ts';
import { createMiitAdapter } from '/work/main/src/modules/bureau/miit-adapter.ts';
import { MemoryUploadJournal } from '/work/main/src/modules/bureau/miit/client.ts';
import { mkdtempSync } from 'node:fs'; import { tmpdir } from 'node:os'; import { join } from 'node:path';
const dir = mkdtempSync(join(tmpdir(), 'simprof-'));
const sqlite = new SQLite(join(dir,'s.sqlite')); sqlite.pragma('journal_mode = WAL'); sqlite.pragma('synchronous = NORMAL');
const stats = new Map<string, {n:number, ms:number}>();
const cache = new Map();
const db = new Kysely<any>({ dialect: new SqliteDialect({ database: { close: () => sqlite.close(), prepare: (sql: string) => { let s = cache.get(sql); if (!s) { s = sqlite.prepare(sql); cache.set(sql, s);} return s; } } }),
  log: (e) => { const k = e.query.sql.slice(0, 140); const s = stats.get(k) ?? {n:0, ms:0}; s.n++; s.ms += e.queryDurationMillis; stats.set(k, s); } });
const database = { db, dialect: 'sqlite' as const, close: () => db.destroy() };
const clock = new AdjustableClock('2026-11-02T09:00:00+08:00', { frozen: true });
const sim = await startBureauSimulator({ port: 0, database: database as any, clock, tickMs: 0, token: 'x' });
const adapter = createMiitAdapter({ baseUrl: sim.url, credentials: { ispId: DEMO_PROVIDER.ispId, userName: DEMO_PROVIDER.userName, password: DEMO_PROVIDER.password }, journal: new MemoryUploadJournal() });
const draft = (i: number) => ({ orderType: 'FIRST', province: '广东', subject: { type: 'PERSONAL', name: '张三', certificateType: 'RESIDENT_ID', certificateNumber: `44052419900101${String(i).padStart(4,'0')}`, certificateAddress: 'x地址' }, subjectPrincipal: { name: '张三', mobile: '13800138000', email: 'z@example.com' }, websites: [{ name: '博客', domains: [`b-${i}.cn`], accessIps: ['203.0.113.10'] }] }) as any;
const t0 = performance.now();
for (let i = 0; i < 1000; i++) { await adapter.submit({ orderId: 'o', orderType: 'FIRST', ref: 1000+i, draft: draft(i), target: null }); if (i % 250 === 249) console.log(i, Math.round(performance.now()-t0)); }
const t1 = performance.now();
await sim.sim.controls.decide({ all: true });
const t2 = performance.now();
await adapter.poll(async () => {});
console.log('upload', Math.round(t1-t0), 'decide', Math.round(t2-t1), 'download', Math.round(performance.now()-t2));
for (const [k, v] of [...stats].sort((a,b)=>b[1].ms-a[1].ms).slice(0,15)) console.log(v.ms.toFixed(0).padStart(6), v.n, k);
await sim.close();
