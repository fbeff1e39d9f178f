#!/usr/bin/env node
// Builds the web console (web/ → web/dist) when it is missing or older than its sources, so `npm start` always
// serves a console that matches the code. `--force` rebuilds regardless. Exit code 0 when the build is current.
//
// The console imports the platform's browser-safe modules (rules, calendar, the order state machine …), so a
// change under src/modules or src/platform makes the build stale too.
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const web = join(root, 'web');
const dist = join(web, 'dist');
const builtMarker = join(dist, 'index.html');

/** Newest modification time (ms) of the files under `dir`, skipping dependencies, builds and tests. */
function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = 0;
  for (const name of readdirSync(path)) {
    if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue;
    if (/\.test\.tsx?$/.test(name)) continue;
    newest = Math.max(newest, newestMtime(join(path, name)));
  }
  return newest;
}

const SOURCES = [
  join(web, 'src'),
  join(web, 'index.html'),
  join(web, 'vite.config.ts'),
  join(root, 'src', 'modules'),
  join(root, 'src', 'platform'),
  join(root, 'package-lock.json'),
];

/** True when web/dist is missing or any console source is newer than it. */
export function webBuildIsStale() {
  if (!existsSync(builtMarker)) return true;
  const built = statSync(builtMarker).mtimeMs;
  return SOURCES.some((s) => newestMtime(s) > built);
}

const lockDir = join(web, '.build-lock');
const LOCK_STALE_MS = 10 * 60_000;

/**
 * One build at a time: test files run in parallel and each makes sure the console is built, and two builds
 * emptying the same web/dist would break each other. mkdir is atomic, so the directory is the lock.
 */
async function withBuildLock(fn) {
  const started = Date.now();
  for (;;) {
    try {
      mkdirSync(lockDir);
      break;
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
      // a build that died long ago leaves its lock behind
      if (Date.now() - statSync(lockDir).mtimeMs > LOCK_STALE_MS) rmSync(lockDir, { recursive: true, force: true });
      if (Date.now() - started > LOCK_STALE_MS) throw new Error(`web build lock ${lockDir} held for too long`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(lockDir, { recursive: true, force: true });
  }
}

/** Builds web/dist if needed; returns whether a build ran. */
export async function ensureWebBuilt({ force = false, quiet = false } = {}) {
  if (!force && !webBuildIsStale()) return false;
  return withBuildLock(async () => {
    // another process may have built it while this one waited
    if (!force && !webBuildIsStale()) return false;
    const { build } = await import('vite');
    await build({ configFile: join(web, 'vite.config.ts'), logLevel: quiet ? 'warn' : 'info' });
    return true;
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const force = process.argv.includes('--force');
  try {
    const ran = await ensureWebBuilt({ force });
    if (!ran) console.log('web/dist is up to date');
  } catch (err) {
    console.error('web console build failed:', err instanceof Error ? err.message : err);
    process.exitCode = 1;
  }
}
