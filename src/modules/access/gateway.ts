import { timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { Counter, Gauge, type Registry } from 'prom-client';
import type { Config } from '../../platform/config.ts';
import type { Database } from '../../platform/db/database.ts';
import { langFromAcceptLanguage } from '../../platform/i18n.ts';
import {
  type AccessCursor,
  type AccessDecision,
  type AccessReason,
  accessRowCount,
  accessRowsPage,
  accessRowsSincePage,
  accessVersion,
} from './access.repository.ts';
import { type BlockPageOptions, renderBlockPage } from './block-page.ts';
import { decideAccess, type ServerRegions, type Verdict } from './decide.ts';
import { canonicalIp } from './host.ts';
import { AccessSnapshot, encodeAccess, sizingForRows } from './snapshot.ts';

/**
 * The access gateway (DESIGN decision 6, R-ACS-002..015): `GET /access/check` for edge proxies (nginx
 * `auth_request`, Envoy `ext_authz`) on its own bare fastify listener, answered from the in-memory snapshot that a
 * version poll keeps current (R-ACS-012: seconds, not the 30 minutes allowed). The check path does no database query,
 * no logging and no cookie parsing: this fastify instance has no logger and no plugins.
 */

export interface GatewayLog {
  warn(obj: object, msg: string): void;
}

export interface AccessGatewayDeps {
  database: Database;
  config: Pick<Config, 'BEIAN_ACCESS_HOST' | 'BEIAN_ACCESS_PORT' | 'BEIAN_ACCESS_TOKEN' | 'publicUrl'>;
  /** Version poll period (default 1000 ms). */
  pollMs?: number;
  /** The server inventory is re-read when its fingerprint changes, and at least this often (default 60 s). */
  serverRefreshMs?: number;
  /** Rows per query when loading or catching up (default 10 000). */
  pageSize?: number;
  blockPage?: Partial<BlockPageOptions>;
  /** Registers the gateway's gauges and serves `/metrics` on this listener when given. */
  metrics?: Registry;
  /** Poll failures (never the check path). */
  log?: GatewayLog;
}

/** Non-mainland server addresses of the inventory (R-ACS-003). */
export class NonMainlandServers implements ServerRegions {
  private ips = new Set<string>();
  isNonMainland(ip: string): boolean {
    return this.ips.has(ip);
  }
  replace(ips: Iterable<string>) {
    const next = new Set<string>();
    for (const raw of ips) {
      const ip = canonicalIp(raw);
      if (ip) next.add(ip);
    }
    this.ips = next;
  }
  get size() {
    return this.ips.size;
  }
}

const LOOPBACK = (addr: string | undefined) =>
  !!addr && (addr.startsWith('127.') || addr === '::1' || addr.startsWith('::ffff:127.'));

const ALL_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'] as const;

export function createAccessGateway(deps: AccessGatewayDeps) {
  const { database, config } = deps;
  const pollMs = deps.pollMs ?? 1000;
  const serverRefreshMs = deps.serverRefreshMs ?? 60_000;
  const pageSize = deps.pageSize ?? 10_000;
  const blockPage: BlockPageOptions = { consoleUrl: config.publicUrl, ...deps.blockPage };
  const token = config.BEIAN_ACCESS_TOKEN ? Buffer.from(config.BEIAN_ACCESS_TOKEN) : null;

  let snapshot = new AccessSnapshot();
  const regions = new NonMainlandServers();
  let serverFingerprint = '';
  let serversLoadedAt = 0;
  let lastPollOkAt = 0;
  let pollErrors = 0;
  let timer: NodeJS.Timeout | null = null;
  let inFlight: Promise<void> | null = null;
  let running = false;
  /** Host values that name this listener: seen without X-Original-Host they mean a misconfigured nginx. */
  const selfHosts = new Set<string>();
  const served = { yes: 0, no: 0 };

  // ---- loading -------------------------------------------------------------------------------------------------

  const codeOf = (decision: string, reason: string) => encodeAccess(decision as AccessDecision, reason as AccessReason);

  /** Reads the whole projection into a fresh snapshot and swaps it in (start-up, or after the DB went backwards). */
  async function loadFull(): Promise<void> {
    const db = database.db;
    // the version is read first: rows committed while we page carry a higher version and the next poll re-applies them
    const version = await accessVersion(db);
    const count = await accessRowCount(db);
    const next = new AccessSnapshot(sizingForRows(count));
    let after: string | null = null;
    for (;;) {
      const rows = await accessRowsPage(db, after, pageSize);
      for (const r of rows) next.set(r.domain, codeOf(r.decision, r.reason));
      if (rows.length < pageSize) break;
      after = rows[rows.length - 1].domain;
    }
    next.version = version;
    snapshot = next;
    await loadServers(true);
    lastPollOkAt = Date.now();
  }

  async function loadServers(force: boolean) {
    const db = database.db;
    const fp = await db
      .selectFrom('servers')
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('updated_at').as('m')])
      .executeTakeFirstOrThrow();
    const fingerprint = `${fp.n}:${fp.m ?? 0}`;
    if (!force && fingerprint === serverFingerprint && Date.now() - serversLoadedAt < serverRefreshMs) return;
    const rows = await db
      .selectFrom('servers')
      .select('public_ip')
      .where('region_kind', '!=', 'mainland')
      .where('public_ip', 'is not', null)
      .execute();
    regions.replace(rows.map((r) => r.public_ip as string));
    serverFingerprint = fingerprint;
    serversLoadedAt = Date.now();
  }

  /** Applies every projection change after the snapshot's version (the version poll). */
  async function catchUp(): Promise<void> {
    const db = database.db;
    const version = await accessVersion(db);
    if (version < snapshot.version) return loadFull(); // a restored or replaced database
    if (version > snapshot.version) {
      let cursor: AccessCursor = null;
      for (;;) {
        const rows = await accessRowsSincePage(db, snapshot.version, cursor, pageSize);
        for (const r of rows) snapshot.set(r.domain, codeOf(r.decision, r.reason));
        if (rows.length < pageSize) break;
        const last = rows[rows.length - 1];
        cursor = { version: Number(last.version), domain: last.domain };
      }
      snapshot.version = version;
    }
    await loadServers(false);
    lastPollOkAt = Date.now();
  }

  /** One poll now; concurrent callers share it. `force` also re-reads the server inventory. */
  function refresh(opts: { force?: boolean } = {}): Promise<void> {
    if (opts.force) serverFingerprint = '';
    if (!inFlight) {
      inFlight = catchUp().finally(() => {
        inFlight = null;
      });
    }
    return inFlight;
  }

  function schedule() {
    if (!running) return;
    timer = setTimeout(() => {
      refresh().then(
        () => schedule(),
        (err: unknown) => {
          pollErrors++;
          // keep serving the last snapshot: a database outage must not take every website down
          deps.log?.warn({ err, pollErrors }, 'access snapshot poll failed');
          schedule();
        },
      );
    }, pollMs);
    timer.unref();
  }

  // ---- HTTP ----------------------------------------------------------------------------------------------------

  function authorized(req: FastifyRequest): boolean {
    if (token === null) return LOOPBACK(req.socket.remoteAddress);
    const given = req.headers['x-beian-token'];
    if (typeof given !== 'string' || given.length !== token.length) return false;
    return timingSafeEqual(Buffer.from(given), token);
  }

  const header = (req: FastifyRequest, name: string): string | undefined => {
    const v = req.headers[name];
    return typeof v === 'string' ? v : undefined;
  };

  function verdictFor(req: FastifyRequest, host: string | undefined): Verdict {
    return decideAccess(snapshot, regions, host, header(req, 'x-server-ip') ?? header(req, 'x-original-server-addr'));
  }

  // keep-alive longer than nginx's upstream keepalive_timeout (60 s), so nginx is the side that closes idle sockets
  const app: FastifyInstance = Fastify({ logger: false, return503OnClosing: true, keepAliveTimeout: 65_000 });
  // Envoy forwards the client's method; whatever body a check request might carry is read and ignored, never parsed
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: 65_536 }, (_req, _body, done) => done(null, undefined));

  // synchronous on purpose: no promise per request on the hot path
  function check(req: FastifyRequest, reply: FastifyReply): void {
    if (!authorized(req)) {
      reply.code(401).header('x-beian-reason', 'UNAUTHENTICATED').send();
      return;
    }
    let host = header(req, 'x-original-host');
    if (host === undefined) {
      host = req.headers.host;
      // nginx without `proxy_set_header X-Original-Host $host` would ask about our own address and allow everything
      if (host !== undefined && selfHosts.has(host)) {
        reply.code(400).header('x-beian-reason', 'NO_ORIGINAL_HOST').send();
        return;
      }
    }
    const v = verdictFor(req, host);
    if (v.status === 200) {
      served.yes++;
      reply.code(200).header('x-beian-reason', v.reason).send();
      return;
    }
    served.no++;
    reply.code(403).header('x-beian-reason', v.reason).header('cache-control', 'no-store');
    // Envoy's ext_authz forwards a denial's body to the client: it asks for the page with a header
    if (header(req, 'x-beian-render') === 'page') {
      const lang = langFromAcceptLanguage(header(req, 'accept-language'));
      reply
        .type('text/html; charset=utf-8')
        .send(renderBlockPage({ host: host ?? '', domain: v.domain, reason: v.reason, lang }, blockPage));
      return;
    }
    reply.send();
  }

  // Envoy appends the original path to path_prefix, so the check also answers below /access/check/
  app.route({ method: [...ALL_METHODS], url: '/access/check', handler: check });
  app.route({ method: [...ALL_METHODS], url: '/access/check/*', handler: check });

  app.get('/access/block-page', async (req, reply) => {
    if (!authorized(req)) return reply.code(401).send();
    const q = req.query as Record<string, string | undefined>;
    const host = typeof q.host === 'string' ? q.host.slice(0, 300) : (header(req, 'x-original-host') ?? '');
    const v = verdictFor(req, host);
    const lang = langFromAcceptLanguage(header(req, 'accept-language'));
    return reply
      .code(403)
      .header('x-beian-reason', v.reason)
      .header('cache-control', 'no-store')
      .header('content-language', lang === 'zh' ? 'zh-CN' : 'en')
      .type('text/html; charset=utf-8')
      .send(renderBlockPage({ host, domain: v.domain, reason: v.reason, lang }, blockPage));
  });

  app.get('/access/healthz', async (req, reply) => {
    if (!authorized(req)) return reply.code(401).send();
    const ageMs = Date.now() - lastPollOkAt;
    // stale beyond R-ACS-012's 30 minutes: the edge should alert (it still answers from the last snapshot)
    return reply.code(ageMs > 30 * 60_000 ? 503 : 200).send({
      version: snapshot.version,
      domains: snapshot.size,
      nonMainlandServers: regions.size,
      snapshotAgeMs: ageMs,
      pollErrors,
    });
  });

  if (deps.metrics) {
    const registers = [deps.metrics];
    new Gauge({
      name: 'beian_access_snapshot_domains',
      help: 'Domains in the access snapshot',
      registers,
      collect() {
        this.set(snapshot.size);
      },
    });
    new Gauge({
      name: 'beian_access_snapshot_bytes',
      help: 'Bytes held by the access snapshot tables',
      registers,
      collect() {
        this.set(snapshot.byteSize);
      },
    });
    new Gauge({
      name: 'beian_access_snapshot_version',
      help: 'Projection version the snapshot reflects',
      registers,
      collect() {
        this.set(snapshot.version);
      },
    });
    new Gauge({
      name: 'beian_access_snapshot_age_seconds',
      help: 'Seconds since the last successful poll',
      registers,
      collect() {
        this.set(lastPollOkAt ? (Date.now() - lastPollOkAt) / 1000 : -1);
      },
    });
    new Counter({
      name: 'beian_access_poll_errors_total',
      help: 'Failed snapshot polls',
      registers,
      collect() {
        this.reset();
        this.inc(pollErrors);
      },
    });
    new Counter({
      name: 'beian_access_checks_total',
      help: 'Access checks answered',
      labelNames: ['result'],
      registers,
      collect() {
        this.reset();
        this.inc({ result: 'served' }, served.yes);
        this.inc({ result: 'blocked' }, served.no);
      },
    });
    const registry = deps.metrics;
    app.get('/metrics', async (req, reply) => {
      if (!authorized(req)) return reply.code(401).send();
      return reply.type(registry.contentType).send(await registry.metrics());
    });
  }

  // ---- lifecycle -----------------------------------------------------------------------------------------------

  /** Full load, then listen on BEIAN_ACCESS_HOST:BEIAN_ACCESS_PORT and poll every `pollMs`. */
  async function start(): Promise<AddressInfo> {
    await loadFull();
    await app.listen({ host: config.BEIAN_ACCESS_HOST, port: config.BEIAN_ACCESS_PORT });
    const addr = app.server.address() as AddressInfo;
    for (const h of [config.BEIAN_ACCESS_HOST, '127.0.0.1', 'localhost', '[::1]', addr.address])
      selfHosts.add(`${h}:${addr.port}`);
    running = true;
    schedule();
    return addr;
  }

  async function stop(): Promise<void> {
    running = false;
    if (timer) clearTimeout(timer);
    timer = null;
    await inFlight?.catch(() => undefined);
    await app.close();
  }

  return {
    app,
    regions,
    /** The current snapshot (replaced on a full load, so read it through this getter). */
    get snapshot() {
      return snapshot;
    },
    /** Decides like the endpoint does, without HTTP (console diagnosis, tests). */
    decide: (host: string | undefined, serverIp?: string) => decideAccess(snapshot, regions, host, serverIp),
    loadFull,
    refresh,
    start,
    stop,
    /** The listener's address once started. */
    address: () => app.server.address() as AddressInfo | null,
    /** Replaces the snapshot with one built elsewhere (benchmarks of synthetic data). */
    replaceSnapshot(s: AccessSnapshot) {
      snapshot = s;
    },
  };
}

export type AccessGateway = ReturnType<typeof createAccessGateway>;
