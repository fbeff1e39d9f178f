// Benchmark of the access gateway: run with `node --import tsx bench/gateway.bench.ts` (npm run bench:gateway).
// autocannon on loopback, every case bounded in time (default 5 s after a 1 s warm-up), servers in child processes
// so the load generator does not share their event loop:
//   (a) a bare fastify route            (b) GET /access/check with 1 M and 10 M synthetic domains in the snapshot
//   (c) nginx deciding with the exported map   (d) nginx answering a bare `return 200`
// Reports b/a and c/d, p99 latencies and the snapshot's memory per domain. The last line is one JSON object.
// The ratios are capacity ratios: requests per server CPU-second (CPU time of the serving process from /proc, per
// request), which stay meaningful on a shared machine; raw req/s ratios are reported beside them (`*_rps_ratio`).
// Every case is measured `rounds` times in alternation with the case it is compared with; figures are medians.
// Options: --seconds N (per case), --rounds N (alternating measurements per case, default 3), --quick (small sizes, 1 s cases: a smoke run), --nginx-domains N (map size, 1 M).
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Fastify from 'fastify';
import { encodeAccess } from '../src/modules/access/snapshot.ts';

const TOKEN = 'bench-edge-token';
const WORDS = ['shop', 'blog', 'travel', 'tech', 'cloud', 'news', 'data', 'life', 'home', 'star'];
const SUFFIXES = ['cn', 'com.cn', 'com', 'net', 'top', 'org.cn', 'net.cn', 'cc'];

/** Deterministic synthetic registrable domains (no word is a prefix of another, so every i gives a distinct name). */
const domainAt = (i: number) => `${WORDS[i % 10]}${i.toString(36)}.${SUFFIXES[(i >>> 3) % 8]}`;
/** 90 % filed, 5 % temporary access, 5 % blocked as filed elsewhere. */
const codeAt = (i: number) =>
  i % 20 === 0
    ? encodeAccess('block', 'NOT_ACCESSED_HERE')
    : i % 20 === 1
      ? encodeAccess('temp_allow', 'ACCESS_IN_REVIEW')
      : encodeAccess('allow', 'FILED');

const { values: opts } = parseArgs({
  options: {
    serve: { type: 'string' },
    domains: { type: 'string' },
    seconds: { type: 'string', default: '5' },
    rounds: { type: 'string', default: '3' },
    quick: { type: 'boolean', default: false },
    'nginx-domains': { type: 'string' },
  },
});

// ---------------------------------------------------------------------------------------------------------------
// Child mode: one server, prints one JSON line with its port (and memory figures), then serves until killed
// ---------------------------------------------------------------------------------------------------------------

async function serveBare() {
  const app = Fastify({ logger: false });
  app.get('/access/check', (_req, reply) => reply.code(200).header('x-beian-reason', 'FILED').send());
  await app.listen({ host: '127.0.0.1', port: 0 });
  console.log(JSON.stringify({ port: (app.server.address() as net.AddressInfo).port }));
}

async function serveCheck(n: number) {
  const { AccessSnapshot, sizingForRows } = await import('../src/modules/access/snapshot.ts');
  const { createAccessGateway } = await import('../src/modules/access/gateway.ts');
  const { openDatabase } = await import('../src/platform/db/database.ts');
  const { migrateToLatest } = await import('../src/platform/db/migrate.ts');
  const { loadConfig } = await import('../src/platform/config.ts');
  const database = openDatabase(':memory:');
  await migrateToLatest(database);
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const before = process.memoryUsage();
  const t0 = performance.now();
  // synthetic domains go straight into the snapshot (not through the database), sized as a full load sizes it
  const snapshot = new AccessSnapshot(sizingForRows(n));
  for (let i = 0; i < n; i++) snapshot.set(domainAt(i), codeAt(i));
  const buildMs = performance.now() - t0;
  gc?.();
  const afterMem = process.memoryUsage();
  const config = loadConfig({ BEIAN_DATA_DIR: tmpdir(), BEIAN_ACCESS_TOKEN: TOKEN });
  const gateway = createAccessGateway({ database, config });
  gateway.replaceSnapshot(snapshot);
  await gateway.app.listen({ host: '127.0.0.1', port: 0 });
  console.log(
    JSON.stringify({
      port: (gateway.app.server.address() as net.AddressInfo).port,
      domains: snapshot.size,
      snapshotBytes: snapshot.byteSize,
      rssDelta: afterMem.rss - before.rss,
      externalDelta: afterMem.external + afterMem.arrayBuffers - (before.external + before.arrayBuffers),
      heapDelta: afterMem.heapUsed - before.heapUsed,
      buildMs: Math.round(buildMs),
    }),
  );
}

/** What a Map<string, number> of the same domains costs (the design the snapshot replaces). */
function mapBaseline(n: number) {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  const before = process.memoryUsage();
  const m = new Map<string, number>();
  for (let i = 0; i < n; i++) m.set(domainAt(i), codeAt(i));
  gc?.();
  const after = process.memoryUsage();
  console.log(
    JSON.stringify({ domains: m.size, rssDelta: after.rss - before.rss, heapDelta: after.heapUsed - before.heapUsed }),
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Parent mode
// ---------------------------------------------------------------------------------------------------------------

interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; average: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  '2xx': number;
  statusCodeStats?: Record<string, { count: number }>;
}
type Autocannon = (opts: Record<string, unknown>) => Promise<AutocannonResult>;
// autocannon ships no type declarations; this is the part of its programmatic API the benchmark uses
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

/** CPU time (user + system, all threads) of a process, in µs, from /proc (Linux). */
function cpuMicros(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // fields 14 and 15 of proc(5) (utime, stime) in clock ticks; Linux reports USER_HZ = 100
  return ((Number(f[11]) + Number(f[12])) * 1e6) / 100;
}

/** The worker processes of an nginx master (where the requests are served). */
function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      if (Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === pid) out.push(Number(name));
    } catch {
      // the process ended while we looked
    }
  }
  return out;
}

const seconds = opts.quick ? 1 : Number(opts.seconds);
const roundCount = opts.quick ? 1 : Number(opts.rounds);
const CONNECTIONS = 32;

function child(args: string[]): Promise<{ proc: ChildProcess; info: Record<string, number> }> {
  return new Promise((resolve, reject) => {
    const proc = spawn(
      process.execPath,
      ['--expose-gc', '--max-old-space-size=8192', '--import', 'tsx', import.meta.filename, ...args],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let buf = '';
    proc.stdout?.on('data', (d) => {
      buf += d;
      const nl = buf.indexOf('\n');
      if (nl !== -1) resolve({ proc, info: JSON.parse(buf.slice(0, nl)) });
    });
    proc.once('exit', (code) => reject(new Error(`child ${args.join(' ')} exited ${code}`)));
  });
}

async function stop(proc: ChildProcess) {
  if (proc.exitCode !== null) return;
  const exited = new Promise((r) => proc.once('exit', r));
  proc.kill('SIGTERM');
  await exited;
}

/** Requests with varying Host values, built up front so the generator spends no time per request on them. */
function hostPool(n: number, count = 4096): string[] {
  let seed = 42;
  const rnd = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed / 2 ** 32;
  };
  const prefixes = ['', 'www.', 'mail.', 'shop.'];
  return Array.from({ length: count }, (_, k) =>
    rnd() < 0.8 ? `${prefixes[Math.floor(rnd() * 4)]}${domainAt(Math.floor(rnd() * n))}` : `www.nofile${k}.cn`,
  );
}

async function load(
  label: string,
  port: number,
  requests: { path: string; headers: Record<string, string> }[],
  warmUp: boolean,
  pids: () => number[],
) {
  const base = { url: `http://127.0.0.1:${port}`, connections: CONNECTIONS, requests, method: 'GET' };
  if (warmUp) await autocannon({ ...base, duration: 1 }); // JIT, keep-alive sockets
  const serving = pids();
  const cpu0 = serving.reduce((n, p) => n + cpuMicros(p), 0);
  const r = await autocannon({ ...base, duration: seconds });
  const cpu = serving.reduce((n, p) => n + cpuMicros(p), 0) - cpu0;
  const row = {
    case: label,
    rps: Math.round(r.requests.average),
    /** Server CPU per request: unaffected by other work on a shared machine, unlike rps. */
    cpu_us_per_req: Number((cpu / r.requests.total).toFixed(2)),
    p50_ms: r.latency.p50,
    p99_ms: r.latency.p99,
    total: r.requests.total,
    errors: r.errors + r.timeouts,
    status: Object.fromEntries(Object.entries(r.statusCodeStats ?? {}).map(([k, v]) => [k, v.count])),
  };
  console.log(JSON.stringify(row));
  return row;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

async function startNginx(dir: string, httpBlock: string, port: number) {
  for (const d of ['client', 'proxy', 'fastcgi', 'uwsgi', 'scgi']) mkdirSync(join(dir, 'tmp', d), { recursive: true });
  const conf = join(dir, 'nginx.conf');
  writeFileSync(
    conf,
    `${process.getuid?.() === 0 ? 'user root;\n' : ''}worker_processes 1;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${dir}/tmp/client;
  proxy_temp_path ${dir}/tmp/proxy;
  fastcgi_temp_path ${dir}/tmp/fastcgi;
  uwsgi_temp_path ${dir}/tmp/uwsgi;
  scgi_temp_path ${dir}/tmp/scgi;
  keepalive_requests 1000000;
${httpBlock}
}
`,
  );
  const { defaultNginxBin } = await import('../src/modules/access/nginx-map.ts');
  const t0 = performance.now();
  const proc = spawn(defaultNginxBin(), ['-p', dir, '-c', conf], { stdio: ['ignore', 'ignore', 'inherit'] });
  const deadline = Date.now() + 600_000;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`nginx exited ${proc.exitCode}`);
    const ok = await new Promise<boolean>((resolve) => {
      const c = net.connect(port, '127.0.0.1', () => {
        c.end();
        resolve(true);
      });
      c.on('error', () => resolve(false));
    });
    if (ok) break;
    if (Date.now() > deadline) throw new Error('nginx did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    pid: proc.pid!,
    startMs: Math.round(performance.now() - t0),
    async stop() {
      if (proc.exitCode !== null) return;
      const exited = new Promise((r) => proc.once('exit', r));
      proc.kill('SIGQUIT');
      await exited;
    },
  };
}

/** Writes n synthetic rows straight into a SQLite projection and exports the map with the real exporter. */
async function exportSyntheticMap(dir: string, n: number) {
  const { openDatabase } = await import('../src/platform/db/database.ts');
  const { migrateToLatest } = await import('../src/platform/db/migrate.ts');
  const { exportNginxMap } = await import('../src/modules/access/nginx-map.ts');
  const { decisionOf, reasonOf } = await import('../src/modules/access/snapshot.ts');
  const database = openDatabase(join(dir, 'bench.sqlite'));
  await migrateToLatest(database);
  const t0 = performance.now();
  const BATCH = 4000;
  await database.db.transaction().execute(async (tx) => {
    for (let i = 0; i < n; i += BATCH) {
      const rows = [];
      for (let k = i; k < Math.min(n, i + BATCH); k++) {
        const c = codeAt(k);
        rows.push({
          domain: domainAt(k),
          decision: decisionOf(c),
          reason: reasonOf(c),
          subject_id: null,
          order_id: null,
          version: 1,
          updated_at: 0,
        });
      }
      await tx.insertInto('access_domains').values(rows).execute();
    }
    await tx.insertInto('settings').values({ key: 'access_version', value: '1', updated_at: 0 }).execute();
  });
  const insertMs = performance.now() - t0;
  const out = join(dir, 'beian-access.map');
  const t1 = performance.now();
  const r = await exportNginxMap(database, { out });
  const exportMs = performance.now() - t1;
  await database.close();
  return { out, served: r.domains, insertMs: Math.round(insertMs), exportMs: Math.round(exportMs) };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((x, y) => x - y);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const ratio = (x: number, y: number) => Number((x / y).toFixed(3));

type Row = Awaited<ReturnType<typeof load>>;

/**
 * The machine is shared (2 cores, other work running): the compared cases are kept running side by side and measured
 * in alternation, `rounds` times, and each ratio is the median of its per-round ratios.
 */
async function rounds(
  cases: { label: string; port: number; requests: Parameters<typeof load>[2]; pids: () => number[] }[],
) {
  const rows: Row[][] = cases.map(() => []);
  for (let r = 0; r < roundCount; r++)
    for (const [i, c] of cases.entries())
      rows[i].push(await load(`${c.label} #${r + 1}`, c.port, c.requests, r === 0, c.pids));
  return rows;
}

async function main() {
  const sizes = opts.quick ? [10_000, 100_000] : [1_000_000, 10_000_000];
  const nginxDomains = Number(opts['nginx-domains'] ?? (opts.quick ? 10_000 : 1_000_000));
  const checkHeaders = { 'x-beian-token': TOKEN, 'x-server-ip': '203.0.113.10' };
  console.log(
    `# gateway bench: ${seconds}s per case, ${roundCount} rounds, ${CONNECTIONS} connections, sizes ${sizes.join(', ')}`,
  );
  const checkRequests = (pool: string[]) =>
    pool.map((h) => ({ path: '/access/check', headers: { ...checkHeaders, 'x-original-host': h } }));

  // (a) bare fastify with the same request shape, (b) the check with 1 M and 10 M domains, all up at once
  const bare = await child(['--serve', 'bare']);
  const checks: { n: number; proc: ChildProcess; info: Record<string, number> }[] = [];
  for (const n of sizes) {
    const srv = await child(['--serve', 'check', '--domains', String(n)]);
    console.log(JSON.stringify({ snapshot: srv.info }));
    checks.push({ n, ...srv });
  }
  const [aRows, ...bRows] = await rounds([
    {
      label: 'a: bare fastify route',
      port: bare.info.port,
      requests: checkRequests(hostPool(sizes[1])),
      pids: () => [bare.proc.pid!],
    },
    ...checks.map((c) => ({
      label: `b: /access/check, ${c.n} domains`,
      port: c.info.port,
      requests: checkRequests(hostPool(c.n)),
      pids: () => [c.proc.pid!],
    })),
  ]);
  await stop(bare.proc);
  for (const c of checks) await stop(c.proc);
  const mem = checks[checks.length - 1].info;
  const b10 = bRows[bRows.length - 1];
  const b1 = bRows[0];

  // what a plain Map would have cost, for the record (at the smaller size)
  const baseline = await child(['--serve', 'map-baseline', '--domains', String(sizes[0])]);
  await stop(baseline.proc);

  // (c) nginx with the exported map, (d) nginx `return 200`
  const dir = mkdtempSync(join(tmpdir(), 'beian-gw-bench-'));
  try {
    const map = await exportSyntheticMap(dir, nginxDomains);
    console.log(JSON.stringify({ nginxMap: map }));
    const hostRequests = hostPool(nginxDomains).map((h) => ({ path: '/', headers: { host: h } }));
    const pc = await freePort();
    const withMap = await startNginx(
      join(dir, 'c'),
      `  map_hash_max_size ${2 ** Math.ceil(Math.log2(nginxDomains * 2 + 1024))};
  map_hash_bucket_size 128;
  include ${map.out};
  server {
    listen 127.0.0.1:${pc};
    location / {
      if ($beian_access_blocked) { return 403; }
      return 200 "ok";
    }
  }`,
      pc,
    );
    console.log(JSON.stringify({ nginxMapStartMs: withMap.startMs }));
    const pd = await freePort();
    const bareNginx = await startNginx(
      join(dir, 'd'),
      `  server {\n    listen 127.0.0.1:${pd};\n    location / { return 200 "ok"; }\n  }`,
      pd,
    );
    const [cRows, dRows] = await rounds([
      {
        label: `c: nginx + exported map (${map.served} served domains)`,
        port: pc,
        requests: hostRequests,
        pids: () => childrenOf(withMap.pid),
      },
      { label: 'd: nginx return 200', port: pd, requests: hostRequests, pids: () => childrenOf(bareNginx.pid) },
    ]);
    await withMap.stop();
    await bareNginx.stop();

    // capacity ratio: requests per server CPU-second of x over y (= y's CPU per request over x's)
    const capacity = (xs: Row[], ys: Row[]) =>
      ratio(median(ys.map((r) => r.cpu_us_per_req)), median(xs.map((r) => r.cpu_us_per_req)));
    const rpsRatio = (xs: Row[], ys: Row[]) => ratio(median(xs.map((x, i) => x.rps / ys[i].rps)), 1);
    const summary = {
      check_vs_fastify_ratio: capacity(b10, aRows),
      check_vs_fastify_ratio_1m: capacity(b1, aRows),
      nginx_map_vs_bare_ratio: capacity(cRows, dRows),
      check_vs_fastify_rps_ratio: rpsRatio(b10, aRows),
      nginx_map_vs_bare_rps_ratio: rpsRatio(cRows, dRows),
      fastify_cpu_us_per_req: median(aRows.map((r) => r.cpu_us_per_req)),
      check_cpu_us_per_req: median(b10.map((r) => r.cpu_us_per_req)),
      check_cpu_us_per_req_1m: median(b1.map((r) => r.cpu_us_per_req)),
      nginx_map_cpu_us_per_req: median(cRows.map((r) => r.cpu_us_per_req)),
      nginx_bare_cpu_us_per_req: median(dRows.map((r) => r.cpu_us_per_req)),
      check_p99_ms: median(b10.map((r) => r.p99_ms)),
      check_p99_ms_1m: median(b1.map((r) => r.p99_ms)),
      fastify_p99_ms: median(aRows.map((r) => r.p99_ms)),
      nginx_map_p99_ms: median(cRows.map((r) => r.p99_ms)),
      nginx_bare_p99_ms: median(dRows.map((r) => r.p99_ms)),
      bytes_per_domain: Number((mem.snapshotBytes / mem.domains).toFixed(1)),
      rss_bytes_per_domain: Number((mem.rssDelta / mem.domains).toFixed(1)),
      map_baseline_rss_bytes_per_domain: Number((baseline.info.rssDelta / baseline.info.domains).toFixed(1)),
      fastify_rps: median(aRows.map((r) => r.rps)),
      check_rps: median(b10.map((r) => r.rps)),
      check_rps_1m: median(b1.map((r) => r.rps)),
      nginx_map_rps: median(cRows.map((r) => r.rps)),
      nginx_bare_rps: median(dRows.map((r) => r.rps)),
      errors: [...aRows, ...b1, ...b10, ...cRows, ...dRows].reduce((n, r) => n + r.errors, 0),
      snapshot_domains: mem.domains,
      snapshot_build_ms: mem.buildMs,
      nginx_map_domains: map.served,
      nginx_map_start_ms: withMap.startMs,
      seconds_per_case: seconds,
      rounds: roundCount,
      connections: CONNECTIONS,
    };
    console.log(JSON.stringify(summary));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (opts.serve === 'bare') await serveBare();
else if (opts.serve === 'check') await serveCheck(Number(opts.domains));
else if (opts.serve === 'map-baseline') {
  mapBaseline(Number(opts.domains));
  // stays alive like the servers until the parent stops it
  setInterval(() => undefined, 1 << 30);
} else await main();
