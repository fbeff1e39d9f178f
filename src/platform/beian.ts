import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createCurtainService } from '../modules/materials/curtain.service.ts';
import { createDocumentsService } from '../modules/materials/documents.service.ts';
import { LocalDiskBlobStore, S3BlobStore } from '../modules/materials/blob-store.ts';
import { blobRoot, createMaterialsService } from '../modules/materials/materials.service.ts';
import { registerMaterialRoutes } from '../modules/materials/materials.routes.ts';
import { beijingDate } from '../modules/calendar/index.ts';
import { createAccessGateway } from '../modules/access/gateway.ts';
import { ensureServerSweep, orderTimerHandlers, recomputeWorkingDayTimers } from '../modules/filings/order-timers.ts';
import { createTimerWorker, type TimerHandler } from './timers.ts';
import { registerAccountRoutes } from '../modules/accounts/accounts.routes.ts';
import { createAccountsService } from '../modules/accounts/accounts.service.ts';
import { type CheckFactsDeps, cachedApprovedSuffixes } from '../modules/filings/check-facts.ts';
import { createDraftChecker } from '../modules/filings/checker.ts';
import { registerFilingRoutes, registerPostFilingRoutes } from '../modules/filings/filings.routes.ts';
import { createPostFilingService, type FilingPasswordVerifier } from '../modules/filings/post-filing.service.ts';
import { type BlacklistCheck, type BureauVerifyLookup, createOrdersService } from '../modules/filings/orders.service.ts';
import { createNotifications, type SmsSender } from '../modules/notifications/index.ts';
import { createAuthCodesService } from '../modules/resources/auth-codes.service.ts';
import { registerAuthCodeRoutes, registerResourceRoutes } from '../modules/resources/resources.routes.ts';
import { createServersService } from '../modules/resources/servers.service.ts';
import { createRegistrar } from '../modules/registrar/registrar.service.ts';
import { registerRegistrarRoutes } from '../modules/registrar/registrar.routes.ts';
import { bureauAccountOf, createBureauModule } from '../modules/bureau/index.ts';
import { DEMO_PROVIDER } from '../modules/bureau/simulator/http.ts';
import { createExtrasService } from '../modules/extras/extras.service.ts';
import { registerExtrasRoutes } from '../modules/extras/extras.routes.ts';
import {
  createProvinceOverrideStore,
  createReviewModule,
  loadWorkCalendar,
  refreshableCalendar,
} from '../modules/review/index.ts';
import { CLOCK_OFFSET_KEY, registerSystemRoutes } from '../modules/system/system.routes.ts';
import { AdjustableClock, type Clock, systemClock } from './clock.ts';
import type { Config } from './config.ts';
import { loadPiiCrypto } from './crypto/boot.ts';
import { type Database, openDatabase } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { type App, buildHttpApp } from './http/app.ts';
import { createMetrics } from './metrics.ts';

export interface BeianOptions {
  /**
   * Use this database instead of opening config.databaseUrl (tests). It arrives migrated (testDatabase migrates its
   * schema): migrating again would introspect the whole PostgreSQL catalogue outside the test harness's lock.
   */
  database?: Database;
  /** Use this clock (tests); otherwise demo mode gets an adjustable clock and production the system clock. */
  clock?: Clock;
  logger?: boolean | object;
  /** Random in-memory PII keys (tests): nothing is written to the data directory. */
  ephemeralKeys?: boolean;
  /** Use this blob store (tests use a temp directory). */
  blobs?: import('../modules/materials/blob-store.ts').BlobStore;
  /** The SMS gateway (notifications); the default logs each SMS with the number masked. */
  sms?: SmsSender;
  /** The DNS resolver of the access diagnosis (tests pass a function); the default asks the system's DNS. */
  resolveHost?: import('../modules/extras/extras.service.ts').ResolveHost;
}

/**
 * The composition root: every port is built here and passed explicitly to the modules that use it
 * (STYLE: no global clients, no god base class).
 */
export async function createBeian(config: Config, opts: BeianOptions = {}) {
  const database = opts.database ?? openDatabase(config.databaseUrl);
  if (!opts.database) await migrateToLatest(database);
  const clock = opts.clock ?? (await bootClock(config, database));
  const metrics = createMetrics();
  const accounts = createAccountsService({ database, clock, config });
  const servers = createServersService({ database, clock });
  const authCodes = createAuthCodesService({ database, clock, servers });
  const pii = loadPiiCrypto(config, { ephemeral: opts.ephemeralKeys });
  // the provider's registrar database: domain facts for the filing rules (R-WEB-007..014, gatherCheckFacts)
  const registrar = createRegistrar({ database, clock, pii });
  // the calendar and the province rules in force sit in holders an admin change reaches at once (review module)
  const calendarRef = refreshableCalendar(await loadWorkCalendar(database));
  const calendar = calendarRef.calendar;
  const provinceRules = createProvinceOverrideStore(database);
  await provinceRules.reload();
  metrics.calendarCoveredUntil.set(calendar.coveredUntilYear ?? 0);
  // notifications first: the lifecycle writes its R-NTF mail into the outbox inside each transition
  const notifications = createNotifications({ database, clock, config, pii, sms: opts.sms });
  // what the platform knows, for the fact-based rules at save, submit and review (servers, codes, registry, open
  // orders, registrar, calendar; the bureau's approved suffixes once fetched)
  const checkFacts: CheckFactsDeps = {
    pii,
    clock,
    calendar,
    syncDelayMinutes: config.BEIAN_SERVER_SYNC_DELAY_MINUTES,
    registrar: registrar.port,
    approvedSuffixes: cachedApprovedSuffixes(() => bureau.port.approvedSuffixes(), { clock }),
  };
  const orders = createOrdersService({
    database,
    clock,
    calendar,
    pii,
    authCodes,
    checkDraft: createDraftChecker(database, provinceRules.source, checkFacts),
    syncDelayMinutes: config.BEIAN_SERVER_SYNC_DELAY_MINUTES,
    notify: notifications.notify,
    bureauLookup: () => ports.bureauLookup,
    blacklist: () => ports.blacklist,
  });
  const app: App = await buildHttpApp({ config, database, clock, accounts, logger: opts.logger });
  notifications.useLog(app.log);
  notifications.register(app);

  app.addHook('onResponse', async (req, reply) => {
    metrics.httpDuration.observe(
      { method: req.method, route: req.routeOptions.url ?? 'unmatched', status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
  });

  registerSystemRoutes(app, {
    database,
    clock,
    metrics,
    onClockAdvanced: async (ms) => {
      await bureau.simulator()?.sim.controls.advance({ ms });
    },
  });
  registerAccountRoutes(app, { accounts, config });
  registerResourceRoutes(app, { servers });
  registerRegistrarRoutes(app, { registrar });
  registerAuthCodeRoutes(app, { authCodes });
  registerFilingRoutes(app, { orders });
  // Ports filled in by the bureau module once it is built below (the password check goes to the bureau, R-BUR-008).
  const ports: {
    verifyFilingPassword?: FilingPasswordVerifier;
    bureauLookup?: BureauVerifyLookup;
    blacklist?: BlacklistCheck;
  } = {};
  const postFiling = createPostFilingService({ database, clock, pii, orders, verifyFilingPassword: () => ports.verifyFilingPassword, notifyTransfer: notifications.notifyFilingTransfer });
  registerPostFilingRoutes(app, { postFiling });
  const review = createReviewModule({
    database,
    clock,
    config,
    pii,
    orders,
    calendar: calendarRef,
    provinceRules,
    notifyPerson: notifications.notifyPerson,
    checkFacts,
    onCalendarRebuilt: async (c) => {
      metrics.calendarCoveredUntil.set(c.coveredUntilYear ?? 0);
      await recomputeWorkingDayTimers(database, c);
    },
  });
  review.register(app);
  const blobs = opts.blobs ?? (config.BEIAN_S3_URL ? s3Store(config, pii) : new LocalDiskBlobStore(blobRoot(config.dataDir), { keyring: pii.keyring }));
  const materials = createMaterialsService({ database, clock, blobs, orders });
  const documents = createDocumentsService({ orders, config, today: () => beijingDate(clock.now()) });
  const curtain = createCurtainService({ database, clock, calendar, pii, orders, notifyDispatched: notifications.notifyCurtainDispatched });
  registerMaterialRoutes(app, { materials, documents, curtain });
  // the bureau: MIIT adapter, sync, registry and public query; demo mode runs the simulator beside Beian (start())
  const bureau = createBureauModule({ config, database, clock, orders, pii, log: app.log, readerUrl: opts.database ? undefined : config.databaseUrl, ...bureauAccountOf(config), notifyAccount: notifications.notifyAccount });
  bureau.register(app);
  ports.verifyFilingPassword = bureau.verifyAndHold;
  ports.bureauLookup = bureau.verifyLookup;
  ports.blacklist = bureau.blacklist.check;
  // R-ACS-016, R-EXT-002..005: diagnosis, PSB record, access provider sheet, qualification tickets
  const extras = createExtrasService({ database, clock, config, pii, providerId: config.BEIAN_BUREAU_ISP_ID ?? DEMO_PROVIDER.ispId, provinces: (today) => provinceRules.source.tableFor(today).table, resolve: opts.resolveHost });
  registerExtrasRoutes(app, { extras });
  // R-ACS: the edge's access check on its own listener (BEIAN_ACCESS_HOST:BEIAN_ACCESS_PORT), from an in-memory snapshot
  const access = createAccessGateway({ database, config, metrics: metrics.registry, log: app.log, blockPage: { providerName: config.BEIAN_PROVIDER_NAME, hotline: config.BEIAN_PROVIDER_HOTLINE } });

  // Durable timers: every module adds its handlers to this registry; the worker starts with start().
  const timerHandlers: Record<string, TimerHandler> = {
    ...orderTimerHandlers({ database, clock, orders }),
    ...notifications.timerHandlers(orders),
    ...bureau.timerHandlers,
  };
  const timers = createTimerWorker({
    database,
    clock,
    handlers: timerHandlers,
    onError: (t, err) => app.log.error({ err, timer: t.kind, object: t.object_id }, 'timer handler failed'),
  });

  const webDist = join(import.meta.dirname, '../../web/dist');
  if (existsSync(webDist)) {
    const { registerWebConsole } = await import('./http/web-console.ts');
    await registerWebConsole(app, webDist);
  }

  /** Listens on the configured port; background workers start here, never in tests that only inject. */
  async function start() {
    await app.listen({ host: config.HOST, port: config.PORT });
    await access.start();
    await ensureServerSweep(database, clock);
    await bureau.start();
    timers.start(config.BEIAN_MODE === 'demo' ? 2_000 : 5_000);
    await notifications.start(config.BEIAN_MODE === 'demo' ? 2_000 : 5_000);
    // several Beian processes on one PostgreSQL: an override or calendar change made on another node arrives here
    // within a minute (this node's own changes apply at once)
    refreshLoop = setInterval(() => {
      review.refresh().catch((err) => app.log.error({ err }, 'province/calendar refresh failed'));
    }, 60_000);
    refreshLoop.unref();
  }

  let refreshLoop: NodeJS.Timeout | undefined;

  async function close() {
    clearInterval(refreshLoop);
    await timers.stop();
    await bureau.close();
    await notifications.stop();
    await access.stop();
    await app.close();
    if (!opts.database) await database.close();
  }

  return { config, database, clock, metrics, calendar, accounts, servers, authCodes, orders, materials, documents, curtain, blobs, access, review, provinceRules, timers, timerHandlers, postFiling, ports, notifications, bureau, extras, registrar, pii, app, start, close };
}

export type Beian = Awaited<ReturnType<typeof createBeian>>;

function s3Store(config: Config, pii: ReturnType<typeof loadPiiCrypto>) {
  const u = new URL(config.BEIAN_S3_URL!);
  const bucket = u.pathname.replace(/^\/+|\/+$/g, '');
  return new S3BlobStore({ endpoint: `${u.protocol}//${u.host}`, bucket, region: config.BEIAN_S3_REGION, accessKeyId: config.BEIAN_S3_ACCESS_KEY, secretAccessKey: config.BEIAN_S3_SECRET_KEY, keyring: pii.keyring });
}

async function bootClock(config: Config, database: Database): Promise<Clock> {
  if (config.BEIAN_MODE === 'production') return systemClock;
  const clock = new AdjustableClock();
  // the demo clock's offset survives restarts, so a demo that advanced 20 working days stays there
  const row = await database.db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', CLOCK_OFFSET_KEY)
    .executeTakeFirst();
  if (row && Number(row.value) > 0) clock.advance(Number(row.value));
  return clock;
}
