import SQLite from '/work/main/node_modules/better-sqlite3/lib/index.js';
import { mkdtempSync } from 'node:fs'; import { tmpdir } from 'node:os'; import { join } from 'node:path';
import { openDatabase } from '/work/main/src/platform/db/database.ts';
import { migrateToLatest } from '/work/main/src/platform/db/migrate.ts';
import { openSqliteReader } from '/work/main/src/modules/bureau/sqlite.ts';
import { recordsByDomain } from '/work/main/src/modules/registry/registry.repository.ts';
const dir = mkdtempSync(join(tmpdir(), 'rd-')); const file = join(dir, 'b.sqlite');
const p = openDatabase(`sqlite:${file}`); await migrateToLatest(p); await p.close();
const raw = new SQLite(file); raw.pragma('journal_mode = WAL');
const now = Date.now();
raw.prepare(`insert into users (id, account_no, email, password_hash, role, display_name, disabled, created_at, updated_at) values ('u', '1', 'u@e.com', 'x', 'customer', 'u', 0, ?, ?)`).run(now, now);
const N = 100000;
raw.transaction(() => { for (let s = 0; s < N/4; s++) { raw.prepare(`insert into subjects (id, account_id, subject_key, subject_type, name, province, cert_type, cert_number_enc, cert_number_masked, filing_number, status, created_at, updated_at) values (?, 'u', ?, 'P', 'n', 'x', 'c', 'x', 'x', ?, 'FILED', ?, ?)`).run(`s${s}`, `k${s}`, `F${s}`, now, now);
 for (let w=0; w<4; w++){ const n=s*4+w; raw.prepare(`insert into websites (id, subject_id, name, filing_number, status, accessed_here, created_at, updated_at) values (?, ?, 'w', ?, 'FILED', 1, ?, ?)`).run(`w${n}`, `s${s}`, `F${s}-${w}`, now, now); raw.prepare(`insert into domains (id, website_id, subject_id, domain, status, created_at, host) values (?, ?, ?, ?, 'FILED', ?, ?)`).run(`d${n}`, `w${n}`, `s${s}`, `site-${n}.cn`, now, `site-${n}.cn`);}}})();
const reader = openSqliteReader(`sqlite:${file}`)!;
const db = openDatabase(`sqlite:${file}`);
const picks = Array.from({ length: 30000 }, () => `site-${Math.floor(Math.random() * N)}.cn`);
const st = raw.prepare(`select w.id from websites w join subjects s on s.id = w.subject_id join domains d on d.website_id = w.id where d.domain = ? and d.status = 'FILED' and w.status in ('FILED','SHELL') and s.status = 'FILED' limit 1`);
const time = async (label: string, f: (d: string) => unknown) => { for (const d of picks.slice(0, 3000)) await f(d); const a: number[] = []; for (const d of picks.slice(3000)) { const t = performance.now(); await f(d); a.push(performance.now() - t); } a.sort((x,y)=>x-y); console.log(label, (a[a.length>>1]*1000).toFixed(1), 'µs'); };
await time('raw get', (d) => st.get(d));
await time('repo', (d) => recordsByDomain(db.db, d, reader));
const ro = new SQLite(file, { readonly: true });
const st2 = ro.prepare(st.source);
await time('readonly conn get', (d) => st2.get(d));
await time('readonly conn all', (d) => st2.all(d));
await time('readonly conn all [arr]', (d) => st2.all([d]));
const { websiteQueryCompiled } = { websiteQueryCompiled: null };
const q = db.db.selectFrom('websites').innerJoin('subjects','subjects.id','websites.subject_id').select(['websites.id as website_id','websites.name as website_name','websites.filing_number as website_number','websites.approved_on','subjects.name as subject_name','subjects.subject_type','subjects.filing_number as subject_number']).where('websites.status','in',['FILED','SHELL']).where('subjects.status','=','FILED').innerJoin('domains','domains.website_id','websites.id').where('domains.domain','=','x').where('domains.status','=','FILED').limit(1).compile();
const st3 = ro.prepare(q.sql);
await time('kysely sql on ro', (d) => st3.all(['FILED','SHELL','FILED', d, 'FILED', 1]));
console.log(ro.prepare('explain query plan ' + q.sql).all(['FILED','SHELL','FILED', 'site-1.cn', 'FILED', 1]));
const dq = db.db.selectFrom('domains').select(['website_id','domain','host']).where('website_id','=','x').where('status','=','FILED').compile();
const st4 = ro.prepare(dq.sql);
await time('domains of website', (d) => st4.all([`w${d.slice(5,-3)}`, 'FILED']));
console.log(ro.prepare('explain query plan ' + dq.sql).all(['w1','FILED']));
const variants: [string, string, unknown[]][] = [
  ['in literal', q.sql.replace('in (?, ?)', "in ('FILED','SHELL')"), ['FILED', 'D', 'FILED', 1]],
  ['limit literal', q.sql.replace('limit ?', 'limit 1'), ['FILED','SHELL','FILED', 'D', 'FILED']],
  ['both literal', q.sql.replace('in (?, ?)', "in ('FILED','SHELL')").replace('limit ?', 'limit 1'), ['FILED', 'D', 'FILED']],
];
for (const [label, text, params] of variants) { const s = ro.prepare(text); await time(label, (d) => s.all(params.map((p) => p === 'D' ? d : p))); }
