#!/usr/bin/env node
// Runs every test of the project with node:test, in tiers.
//  1. all *.test.ts files on SQLite (unit, service/repository on SQLite, HTTP);
//  2. the *.db.test.ts files again on PostgreSQL;
//  3. *.browser.test.ts need /usr/bin/chromium, *.nginx.test.ts need nginx.
// A tier whose system part is missing is skipped LOUDLY; under CI=true a missing part is a failure.
// Node 20's runner exits 0 when it ran no test, so we count and fail on zero.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const ci = process.env.CI === 'true' || process.env.CI === '1';
const filter = process.argv.slice(2);

function walk(dir, out = []) {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.') || name === 'dist') continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else if (/\.test\.tsx?$/.test(name)) out.push(relative(root, p));
  }
  return out;
}
let files = ['src', 'test', 'web/src', 'scripts']
  .filter((d) => existsSync(join(root, d)))
  .flatMap((d) => walk(join(root, d)));
if (filter.length) files = files.filter((f) => filter.some((x) => f.includes(x)));
files.sort();

const chromium = process.env.BEIAN_CHROMIUM ?? '/usr/bin/chromium';
const hasChromium = existsSync(chromium);
const nginxBin = process.env.BEIAN_NGINX ?? (existsSync('/usr/sbin/nginx') ? '/usr/sbin/nginx' : 'nginx');
const hasNginx = spawnSync(nginxBin, ['-v']).status === 0;
const pgUrl = process.env.BEIAN_TEST_PG_URL ?? 'postgres://beian:beian@127.0.0.1:5432/beian_test';
const hasPg =
  spawnSync(
    process.execPath,
    [
      '-e',
      `
  const pg = require('pg'); const c = new pg.Client(${JSON.stringify(pgUrl)});
  c.connect().then(() => c.end()).then(() => process.exit(0), () => process.exit(1));
  setTimeout(() => process.exit(1), 4000);`,
    ],
    { cwd: root },
  ).status === 0;

const skipped = [];
const problems = [];
function gate(kind, ok, howTo, list) {
  if (ok || list.length === 0) return list;
  const msg = `${kind} unavailable: ${list.length} test file(s) NOT RUN. ${howTo}`;
  if (ci) problems.push(msg);
  else skipped.push(msg);
  return [];
}
const browserFiles = gate(
  'Chromium (/usr/bin/chromium)',
  hasChromium,
  'Install it: apt-get install chromium fonts-wqy-microhei',
  files.filter((f) => f.includes('.browser.test.')),
);
const nginxFiles = gate(
  'nginx',
  hasNginx,
  'Install it: apt-get install nginx',
  files.filter((f) => f.includes('.nginx.test.')),
);
const plainFiles = files.filter((f) => !f.includes('.browser.test.') && !f.includes('.nginx.test.'));
const pgFiles = gate(
  `PostgreSQL (${pgUrl.replace(/:[^:@/]*@/, ':***@')})`,
  hasPg,
  'Start PostgreSQL and create the role/database (see README "Running on PostgreSQL"), or set BEIAN_TEST_PG_URL.',
  plainFiles.filter((f) => f.includes('.db.test.')),
);

function run(label, list, env) {
  return new Promise((resolve) => {
    if (list.length === 0) return resolve({ pass: 0, fail: 0, skip: 0 });
    console.log(`\n=== ${label}: ${list.length} file(s) ===`);
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', '--test', '--test-concurrency=2', '--test-reporter=tap', ...list],
      {
        cwd: root,
        env: { ...process.env, ...env },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    const totals = { pass: 0, fail: 0, skip: 0 };
    let buf = '';
    child.stdout.on('data', (d) => {
      process.stdout.write(d);
      buf += d;
    });
    child.on('close', (code) => {
      const num = (k) => Number((buf.match(new RegExp(`^# ${k} (\\d+)$`, 'm')) ?? [])[1] ?? 0);
      totals.pass = num('pass');
      totals.fail = num('fail') + num('cancelled') + (code !== 0 && num('fail') === 0 ? 1 : 0);
      totals.skip = num('skipped') + num('todo');
      resolve(totals);
    });
  });
}

const results = [];
results.push(await run('SQLite: unit, service, repository and HTTP tests', plainFiles, { BEIAN_TEST_DB: 'sqlite' }));
results.push(
  await run('PostgreSQL: repository and service tests', pgFiles, {
    BEIAN_TEST_DB: 'postgres',
    BEIAN_TEST_PG_URL: pgUrl,
  }),
);
results.push(await run('nginx integration tests', nginxFiles, { BEIAN_TEST_DB: 'sqlite' }));
results.push(
  await run('Browser tests (Chromium)', browserFiles, { BEIAN_TEST_DB: 'sqlite', BEIAN_CHROMIUM: chromium }),
);

const total = results.reduce((a, r) => ({ pass: a.pass + r.pass, fail: a.fail + r.fail, skip: a.skip + r.skip }), {
  pass: 0,
  fail: 0,
  skip: 0,
});
console.log('');
for (const s of skipped) console.log(`!!! SKIPPED — ${s}`);
for (const p of problems) console.log(`!!! FAILED (CI requires it) — ${p}`);
if (total.pass === 0) problems.push('no test ran');
const failed = total.fail + problems.length;
console.log(`tests: ${total.pass} passed, ${failed} failed, ${total.skip} skipped`);
process.exit(failed > 0 || total.pass === 0 ? 1 : 0);
