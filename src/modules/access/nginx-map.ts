import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { copyFile, open, readFile, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { promisify } from 'node:util';
import type { Database } from '../../platform/db/database.ts';
import { DomainError } from '../../platform/errors.ts';
import { type AccessCursor, accessRowsPage, accessRowsSincePage, accessVersion } from './access.repository.ts';

/**
 * The nginx `map` variant of the gateway (DESIGN "access — nginx map export"): an include file that maps `$host` to
 * the access reason, so nginx decides locally without calling Beian per request. `hostnames` entries of the form
 * `.example.cn` match example.cn and every sub-domain (www., mail., …, also under .com.cn), which is exactly
 * R-ACS-005. Only served domains (allow, temp_allow) are listed; everything else falls to `default NOT_FILED`.
 * The file is written to a temporary name and renamed, so nginx never reads half a file.
 */

const run = promisify(execFile);
const VERSION_LINE = /^# beian-access-version: (\d+)$/m;
/** Registrable domains are ASCII; anything else never reaches an nginx config (no injection through a row). */
const SAFE_DOMAIN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/;
const SERVED = new Set(['allow', 'temp_allow']);

export interface NginxExportOptions {
  /** The include file to write. */
  out: string;
  /** Skip the rewrite when the file already reflects the current projection version; write a delta file otherwise. */
  incremental?: boolean;
  /** Test the configuration and reload nginx after writing (`nginx -t`, then `nginx -s reload`). */
  reload?: boolean;
  /** nginx binary (default /usr/sbin/nginx when present, else `nginx` on PATH). */
  nginxBin?: string;
  /** Extra arguments for both nginx calls, e.g. ['-c', '/etc/nginx/nginx.conf'] or ['-p', prefix, '-c', conf]. */
  nginxArgs?: string[];
  /** Name of the reason variable (default beian_access_reason); `<name>` → `$beian_access_blocked` 0/1 too. */
  variable?: string;
  pageSize?: number;
}

export interface NginxExportResult {
  /** false when incremental mode found the file current. */
  written: boolean;
  path: string;
  version: number;
  /** Served domains in the file. */
  domains: number;
  /** The version the previous file reflected (incremental mode), if any. */
  previousVersion: number | null;
  /** `${out}.delta`, written in incremental mode when a previous version was known. */
  deltaPath: string | null;
  deltaLines: number;
  reloaded: boolean;
}

export function defaultNginxBin(): string {
  return existsSync('/usr/sbin/nginx') ? '/usr/sbin/nginx' : 'nginx';
}

/** Writes `content` next to `path` and renames it into place (atomic on one filesystem). */
async function writeAtomic(path: string, chunks: AsyncIterable<string> | Iterable<string>): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const fh = await open(tmp, 'w', 0o644);
  try {
    for await (const c of chunks) await fh.write(c);
    await fh.sync();
  } catch (err) {
    await fh.close();
    await rm(tmp, { force: true });
    throw err;
  }
  await fh.close();
  await rename(tmp, path);
}

async function previousVersionOf(path: string): Promise<number | null> {
  if (!existsSync(path)) return null;
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(1024);
    const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
    const m = VERSION_LINE.exec(buf.toString('utf8', 0, bytesRead));
    return m ? Number(m[1]) : null;
  } finally {
    await fh.close();
  }
}

/**
 * Exports the served domains as an nginx map include. Returns what it did; with `reload`, a configuration that fails
 * `nginx -t` is rolled back to the previous file and refused (SERVICE_UNAVAILABLE / NGINX_CONFIG_TEST_FAILED).
 */
export async function exportNginxMap(database: Database, opts: NginxExportOptions): Promise<NginxExportResult> {
  const db = database.db;
  const pageSize = opts.pageSize ?? 10_000;
  const variable = opts.variable ?? 'beian_access_reason';
  if (!/^[a-z_][a-z0-9_]*$/.test(variable)) throw new DomainError('VALIDATION_FAILED', { reason: 'NGINX_VARIABLE' });
  const blockedVar = `${variable.endsWith('_reason') ? variable.slice(0, -'_reason'.length) : variable}_blocked`;
  // read first: rows changing while we page carry a higher version, and the next incremental run picks them up
  const version = await accessVersion(db);
  const previousVersion = opts.incremental ? await previousVersionOf(opts.out) : null;
  const base = {
    path: opts.out,
    version,
    previousVersion,
    deltaPath: null as string | null,
    deltaLines: 0,
    reloaded: false,
  };
  if (opts.incremental && previousVersion === version) return { ...base, written: false, domains: -1, previousVersion };

  let domains = 0;
  async function* body() {
    yield [
      '# Beian access map: generated by `beian access export-nginx`; do not edit (it is replaced atomically).',
      `# beian-access-version: ${version}`,
      `# generated-at: ${new Date().toISOString()}`,
      '# Needs at http level: map_hash_max_size / map_hash_bucket_size large enough for the entries (see docs/gateway).',
      `map $host $${variable} {`,
      '    hostnames;',
      '    default NOT_FILED;',
      // R-ACS-004: no Host, IP literals and single-label names are not subject to the filing check
      '    "" NO_DOMAIN;',
      '    "~^[0-9.]+$" NO_DOMAIN;',
      '    "~^\\[[0-9a-f:.]+\\]$" NO_DOMAIN;',
      '    "~^[^.]+$" NO_DOMAIN;',
      '',
    ].join('\n');
    let after: string | null = null;
    for (;;) {
      const rows = await accessRowsPage(db, after, pageSize);
      let chunk = '';
      for (const r of rows) {
        if (!SERVED.has(r.decision) || !SAFE_DOMAIN.test(r.domain)) continue;
        chunk += `    .${r.domain} ${r.reason};\n`;
        domains++;
      }
      if (chunk) yield chunk;
      if (rows.length < pageSize) break;
      after = rows[rows.length - 1].domain;
    }
    yield [
      '}',
      `map $${variable} $${blockedVar} {`,
      '    default 1;',
      '    FILED 0;',
      '    ACCESS_IN_REVIEW 0;',
      '    NO_DOMAIN 0;',
      '}',
      `# domains: ${domains}`,
      '',
    ].join('\n');
  }

  const backup = `${opts.out}.prev`;
  const hadPrevious = existsSync(opts.out);
  if (opts.reload && hadPrevious) await copyFile(opts.out, backup);
  await writeAtomic(opts.out, body());

  let deltaPath: string | null = null;
  let deltaLines = 0;
  if (opts.incremental && previousVersion !== null && previousVersion < version) {
    deltaPath = `${opts.out}.delta`;
    const lines: string[] = [`# beian-access-delta: ${previousVersion} -> ${version}`];
    let cursor: AccessCursor = null;
    for (;;) {
      const rows = await accessRowsSincePage(db, previousVersion, cursor, pageSize);
      for (const r of rows) {
        if (!SAFE_DOMAIN.test(r.domain)) continue;
        lines.push(`${SERVED.has(r.decision) ? '+' : '-'} .${r.domain} ${r.reason}`);
        deltaLines++;
      }
      if (rows.length < pageSize) break;
      const last = rows[rows.length - 1];
      cursor = { version: Number(last.version), domain: last.domain };
    }
    await writeAtomic(deltaPath, [`${lines.join('\n')}\n`]);
  }

  let reloaded = false;
  if (opts.reload) {
    const bin = opts.nginxBin ?? defaultNginxBin();
    const args = opts.nginxArgs ?? [];
    try {
      await run(bin, [...args, '-t'], { timeout: 120_000 });
    } catch (err) {
      if (hadPrevious) await rename(backup, opts.out);
      else await rm(opts.out, { force: true });
      const stderr = (err as { stderr?: string }).stderr ?? String(err);
      throw new DomainError('SERVICE_UNAVAILABLE', {
        reason: 'NGINX_CONFIG_TEST_FAILED',
        message: {
          zh: `nginx 配置检查失败，已恢复原文件：${stderr}`,
          en: `nginx -t failed; restored the previous file: ${stderr}`,
        },
      });
    }
    await run(bin, [...args, '-s', 'reload'], { timeout: 60_000 });
    if (hadPrevious) await rm(backup, { force: true });
    reloaded = true;
  }
  return { ...base, written: true, domains, deltaPath, deltaLines, reloaded };
}

/** Reads the version line of an exported file (tests, ops scripts). */
export async function exportedVersion(path: string): Promise<number | null> {
  const m = VERSION_LINE.exec(await readFile(path, 'utf8'));
  return m ? Number(m[1]) : null;
}
