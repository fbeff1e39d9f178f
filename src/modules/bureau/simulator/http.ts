import { randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { AdjustableClock } from '../../../platform/clock.ts';
import type { Database } from '../../../platform/db/database.ts';
import type { WorkCalendar } from '../../calendar/index.ts';
import { BUREAU_CANCELLATION_REASONS, type BureauCancellationReason } from '../codes.ts';
import { createMiitSoapHandler } from '../miit/server.ts';
import { endpointPaths } from '../miit/soap.ts';
import { openSimulatorDatabase } from '../sqlite.ts';
import {
  type BureauSimulator,
  createBureauSimulator,
  type InjectFiling,
  SimError,
  type SimFactsSource,
  type SimProvider,
  type SimSettings,
} from './simulator.ts';

/**
 * The simulator as a network service on its own port: the three SOAP endpoints of spec 3-3-x-1, the portal
 * (`/portal/…`, public, standing in for beian.miit.gov.cn) and the test controls (`/sim/control/…`, JSON, token in
 * `x-sim-token` or `Authorization: Bearer`).
 */

/** The provider account of this platform at the demo bureau, and P2, the second provider of faq-cases.jsonl. */
export const DEMO_PROVIDER: SimProvider = {
  ispId: 110000000211,
  userName: 'beian-demo',
  password: 'Demo-Bureau-Pw-2018',
  name: '腾讯云计算（北京）有限责任公司',
};
export const P2_PROVIDER: SimProvider = {
  ispId: 110000000299,
  userName: 'p2-provider',
  password: 'P2-Bureau-Pw-2018',
  name: '示例第二接入服务商有限公司',
};

export interface SimulatorServerOptions {
  host?: string;
  port: number;
  /** The simulator's own database; default a SQLite file `bureau-sim.sqlite` under `dataDir`. */
  database?: Database;
  dataDir?: string;
  clock?: AdjustableClock;
  calendar?: WorkCalendar;
  providers?: readonly SimProvider[];
  facts?: SimFactsSource;
  settings?: Partial<SimSettings>;
  /** Control token; random when not given (written to `dataDir/bureau-sim.token` for the standalone service). */
  token?: string;
  /** pino level for the service's own request log; false: none. */
  logger?: false | string;
  /** Background tick interval (decisions falling due on a moving clock); 0 disables. Default 5 s. */
  tickMs?: number;
}

export interface RunningSimulator {
  url: string;
  token: string;
  sim: BureauSimulator;
  app: FastifyInstance;
  close(): Promise<void>;
}

function sameToken(given: string | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

type Body = Record<string, unknown>;
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const num = (v: unknown): number | undefined =>
  typeof v === 'number' ? v : typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : undefined;

function need(body: Body, ...keys: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of keys) {
    const v = str(body[k]);
    if (!v) throw new SimError('FIELD_REQUIRED', `缺少字段 ${k}`, `Missing field ${k}`, 400);
    out[k] = v;
  }
  return out;
}

export async function startBureauSimulator(opts: SimulatorServerOptions): Promise<RunningSimulator> {
  const ownDb = !opts.database;
  const database = opts.database ?? openSimulatorDatabase(join(opts.dataDir ?? './data', 'bureau-sim.sqlite'));
  const clock = opts.clock ?? new AdjustableClock();
  const sim = await createBureauSimulator({
    database,
    clock,
    calendar: opts.calendar,
    providers: opts.providers ?? [DEMO_PROVIDER, P2_PROVIDER],
    facts: opts.facts,
    settings: opts.settings,
    restoreClock: !opts.clock,
  });
  const token = opts.token ?? randomBytes(24).toString('hex');
  if (!opts.token && opts.dataDir) {
    mkdirSync(opts.dataDir, { recursive: true });
    writeFileSync(join(opts.dataDir, 'bureau-sim.token'), `${token}\n`, { mode: 0o600 });
  }

  const app = Fastify({ logger: opts.logger ? { level: opts.logger } : false, bodyLimit: 60 * 1024 * 1024 });
  app.addContentTypeParser(
    ['text/xml', 'application/soap+xml', 'application/xml'],
    { parseAs: 'string' },
    (_req, body, done) => done(null, body),
  );
  app.setErrorHandler((err, _req, reply) => {
    if (err instanceof SimError)
      return reply.status(err.status).send({ code: err.code, message: { zh: err.zh, en: err.message } });
    const status = (err as { statusCode?: number }).statusCode;
    const message = err instanceof Error ? err.message : String(err);
    if (status && status < 500)
      return reply.status(status).send({ code: 'BAD_REQUEST', message: { zh: '请求格式错误', en: message } });
    return reply.status(500).send({ code: 'INTERNAL', message: { zh: '模拟管局内部错误', en: message } });
  });

  const soap = createMiitSoapHandler(sim.miit);
  for (const path of Object.values(endpointPaths))
    app.post(path, async (req, reply) => {
      const r = await soap(typeof req.body === 'string' ? req.body : '', req.headers);
      return reply.status(r.status).headers(r.headers).send(r.body);
    });

  // ---- portal
  app.get('/portal/query', async (req) => {
    const q = req.query as Record<string, string | undefined>;
    return {
      records: await sim.portal.publicQuery({ domain: q.domain, number: q.number, subject: q.subject, cert: q.cert }),
    };
  });
  // the subject's own view of its record, with its filing password (what an access order copies, R-ORD-032a)
  app.post('/portal/record', async (req) => {
    const b = need((req.body ?? {}) as Body, 'filingNumber', 'password');
    return sim.portal.record({ filingNumber: b.filingNumber!, password: b.password! });
  });
  // applications in flight at any provider (R-ORD-008/009), by certificate number and domains
  app.get('/portal/in-flight', async (req) => {
    const q = req.query as Record<string, string | string[] | undefined>;
    const list = (v: string | string[] | undefined) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
    const cert = list(q.cert)[0];
    return sim.portal.inFlight({ cert, domains: list(q.domain) });
  });
  app.get('/portal/suffixes', async () => ({ suffixes: sim.portal.suffixes() }));
  app.post('/portal/password/change', async (req) => {
    const b = need((req.body ?? {}) as Body, 'filingNumber', 'oldPassword', 'newPassword');
    await sim.portal.changePassword({
      filingNumber: b.filingNumber!,
      oldPassword: b.oldPassword!,
      newPassword: b.newPassword!,
    });
    return { ok: true };
  });
  app.post('/portal/password/retrieve', async (req) => {
    const b = need((req.body ?? {}) as Body, 'province', 'filingNumber', 'certificateType', 'certificateNumber');
    await sim.portal.retrievePassword({
      province: b.province!,
      filingNumber: b.filingNumber!,
      certificateType: b.certificateType!,
      certificateNumber: b.certificateNumber!,
    });
    return { ok: true };
  });
  app.post('/portal/password/retrieve-offline', async (req) => {
    const b = need(
      (req.body ?? {}) as Body,
      'province',
      'filingNumber',
      'certificateType',
      'certificateNumber',
      'contactPhone',
    );
    return sim.portal.offlineRetrieval({
      province: b.province!,
      filingNumber: b.filingNumber!,
      certificateType: b.certificateType!,
      certificateNumber: b.certificateNumber!,
      contactPhone: b.contactPhone!,
    });
  });
  app.post('/portal/cancellation-requests', async (req) => {
    const b = need((req.body ?? {}) as Body, 'domain', 'requesterName', 'explanation');
    return sim.portal.thirdPartyCancellation({
      domain: b.domain!,
      requesterName: b.requesterName!,
      explanation: b.explanation!,
    });
  });
  app.get('/health', async () => ({ ok: true, ...sim.controls.now() }));

  // ---- controls
  // a callback plugin: the control routes are registered synchronously, then `done`
  await app.register((c, _opts, done) => {
    c.addHook('onRequest', async (req: FastifyRequest, reply: FastifyReply) => {
      const bearer = req.headers.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
      const given = (req.headers['x-sim-token'] as string | undefined) ?? bearer;
      if (!sameToken(given, token))
        return reply.status(401).send({
          code: 'UNAUTHENTICATED',
          message: { zh: '缺少或错误的控制令牌', en: 'Missing or wrong control token' },
        });
    });
    c.get('/sim/control/state', async () => ({ ...sim.controls.now(), settings: sim.controls.settings() }));
    c.put('/sim/control/settings', async (req) =>
      sim.controls.updateSettings((req.body ?? {}) as Partial<SimSettings>),
    );
    c.post('/sim/control/clock/advance', async (req) => {
      const b = (req.body ?? {}) as Body;
      return sim.controls.advance({ ms: num(b.ms), days: num(b.days), workingDays: num(b.workingDays), to: str(b.to) });
    });
    c.post('/sim/control/decide', async (req) => {
      const b = (req.body ?? {}) as Body;
      const reject = b.reject as Body | undefined;
      return {
        decided: await sim.controls.decide(
          {
            uploadId: str(b.uploadId),
            submissionId: str(b.submissionId),
            key: str(b.key),
            all: b.all === true,
            ispId: num(b.ispId),
          },
          reject
            ? { reason: str(reject.reason), code: num(reject.code), path: str(reject.path), text: str(reject.text) }
            : undefined,
        ),
      };
    });
    c.get('/sim/control/submissions', async (req) => {
      const q = req.query as Record<string, string | undefined>;
      return { submissions: await sim.controls.submissions({ state: q.state, ispId: num(q.ispId) }) };
    });
    c.get('/sim/control/uploads', async (req) => ({
      uploads: await sim.controls.uploads(num((req.query as Body).ispId)),
    }));
    c.get('/sim/control/filing', async (req) => {
      const q = req.query as Record<string, string | undefined>;
      return { filing: await sim.controls.filing({ number: q.number, domain: q.domain }) };
    });
    c.get('/sim/control/outbox', async (req) => {
      const q = req.query as Record<string, string | undefined>;
      return { messages: await sim.controls.outbox({ recipient: q.recipient, kind: q.kind }) };
    });
    c.put('/sim/control/facts/:kind/:key', async (req) => {
      const p = req.params as { kind: string; key: string };
      if (!['domain', 'server', 'cert', 'site', 'website'].includes(p.kind))
        throw new SimError('FACT_KIND_INVALID', '事实类型无效', `Unknown fact kind ${p.kind}`, 400);
      await sim.controls.setFact(p.kind as 'domain', p.key, req.body ?? null);
      return { ok: true };
    });
    c.post('/sim/control/blacklist', async (req) => {
      const b = need((req.body ?? {}) as Body, 'kind', 'value');
      if (b.kind !== 'CERT' && b.kind !== 'NAME')
        throw new SimError('KIND_INVALID', '类型无效', 'kind must be CERT or NAME', 400);
      await sim.controls.blacklist(b.kind, b.value!);
      return { ok: true };
    });
    c.post('/sim/control/cancellations', async (req) => {
      const b = (req.body ?? {}) as Body;
      const { filingNumber, reason } = need(b, 'filingNumber', 'reason');
      if (!(BUREAU_CANCELLATION_REASONS as readonly string[]).includes(reason!))
        throw new SimError(
          'REASON_INVALID',
          '注销理由无效',
          `reason must be one of ${BUREAU_CANCELLATION_REASONS.join(', ')}`,
          400,
        );
      return sim.controls.cancel({
        filingNumber: filingNumber!,
        reason: reason as BureauCancellationReason,
        severity: b.severity === 'serious' ? 'serious' : 'normal',
      });
    });
    c.get('/sim/control/requests', async (req) => ({
      requests: await sim.controls.requests(str((req.query as Body).kind)),
    }));
    c.post('/sim/control/requests/:id/approve', async (req) => {
      await sim.controls.approveRequest((req.params as { id: string }).id);
      return { ok: true };
    });
    c.post('/sim/control/filings', async (req) => sim.controls.injectFiling(req.body as InjectFiling));
    c.post('/sim/control/access/remove', async (req) => {
      const b = (req.body ?? {}) as Body;
      const ispId = num(b.ispId);
      if (!ispId) throw new SimError('FIELD_REQUIRED', '缺少字段 ispId', 'Missing field ispId', 400);
      await sim.controls.removeAccess({ websiteNumber: need(b, 'websiteNumber').websiteNumber!, ispId });
      return { ok: true };
    });
    c.post('/sim/control/probe', async (req) => {
      const b = (req.body ?? {}) as Body;
      const ispId = num(b.ispId);
      if (!ispId) throw new SimError('FIELD_REQUIRED', '缺少字段 ispId', 'Missing field ispId', 400);
      const sites = Array.isArray(b.sites)
        ? (b.sites as Body[]).map((x) => need(x ?? {}, 'domain', 'ip') as { domain: string; ip: string })
        : [];
      const overReported = Array.isArray(b.overReported) ? b.overReported.filter((x) => typeof x === 'string') : [];
      return sim.controls.probe({ ispId, sites, overReported, operatorId: num(b.operatorId) });
    });
    c.get('/sim/control/records', async (req) => ({
      records: await sim.controls.records(str((req.query as Body).area)),
    }));
    done();
  });

  await app.listen({ host: opts.host ?? '127.0.0.1', port: opts.port });
  const addr = app.server.address() as AddressInfo;
  const url = `http://${addr.address.includes(':') ? `[${addr.address}]` : addr.address}:${addr.port}`;
  let timer: NodeJS.Timeout | undefined;
  const tickMs = opts.tickMs ?? 5_000;
  if (tickMs > 0) {
    timer = setInterval(() => void sim.tick().catch(() => {}), tickMs);
    timer.unref();
  }
  return {
    url,
    token,
    sim,
    app,
    async close() {
      if (timer) clearInterval(timer);
      await app.close();
      if (ownDb) await database.close();
    },
  };
}
