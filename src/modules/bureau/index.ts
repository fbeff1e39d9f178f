import type { Clock } from '../../platform/clock.ts';
import type { Config } from '../../platform/config.ts';
import type { PiiCrypto } from '../../platform/crypto/boot.ts';
import type { Database } from '../../platform/db/database.ts';
import type { App } from '../../platform/http/app.ts';
import type { OrdersService } from '../filings/orders.service.ts';
import { registerPublicQueryRoutes } from '../registry/query.routes.ts';
import { createPublicQuery } from '../registry/query.service.ts';
import { createRegistry } from '../registry/registry.service.ts';
import { registerBureauRoutes } from './bureau.routes.ts';
import { registerDownloadRoutes } from './downloads.routes.ts';
import { createDownloadActions } from './downloads.ts';
import { DbUploadJournal } from './journal.ts';
import type { MiitCredentials, MiitLogger } from './miit/client.ts';
import { createMiitAdapter, type MiitAdapter } from './miit-adapter.ts';
import type { BureauPort } from './port.ts';
import { DEMO_PROVIDER, P2_PROVIDER, type RunningSimulator, startBureauSimulator } from './simulator/http.ts';
import { openSqliteReader } from './sqlite.ts';
import { createBureauSync, FilingPasswordVault, type NotifyAccount } from './sync.service.ts';
import { createVerifyLookup } from './verify-lookup.ts';

export { bureauAccountOf } from './credentials.ts';
export type { BureauPort } from './port.ts';
export { BUREAU_SYNC_TIMER, type BureauSync, FilingPasswordVault } from './sync.service.ts';

/**
 * The bureau module as the composition root wires it: registry, MIIT adapter (behind the BureauPort), sync, public
 * query and routes. In demo mode without BEIAN_BUREAU_URL, `start()` runs the simulator in-process on
 * BEIAN_BUREAU_SIM_PORT (its own database under BEIAN_DATA_DIR) and points the adapter at it.
 */
export interface BureauModuleOptions {
  config: Config;
  database: Database;
  clock: Clock;
  orders: OrdersService;
  pii: PiiCrypto;
  /** The provider's account at the bureau; default the demo simulator's account. */
  credentials?: MiitCredentials;
  /** Encrypt uploads with the account's AES key (BEIAN_BUREAU_ENCRYPT); default: when AES material is given. */
  encryptUploads?: boolean;
  /** R-NTF-014 for bureau-initiated cancellations: the notifications module's `notifyAccount`. */
  notifyAccount?: NotifyAccount;
  log?: MiitLogger;
  fetch?: typeof fetch;
  /** Start the in-process simulator in `start()` (default: demo mode without BEIAN_BUREAU_URL). */
  simulator?: boolean;
  /** The platform database's URL when it is the file the app opened: the public query reads it on its own connection. */
  readerUrl?: string;
}

export function createBureauModule(o: BureauModuleOptions) {
  const credentials: MiitCredentials = o.credentials ?? {
    ispId: DEMO_PROVIDER.ispId,
    userName: DEMO_PROVIDER.userName,
    password: DEMO_PROVIDER.password,
  };
  const journal = new DbUploadJournal(o.database.db, () => o.clock.now().getTime());
  const make = (baseUrl: string) =>
    createMiitAdapter({
      baseUrl,
      credentials,
      journal,
      logger: o.log,
      fetch: o.fetch,
      retries: 2,
      backoffMs: 200,
      encryptUploads: o.encryptUploads,
    });
  let adapter: MiitAdapter = make(o.config.BEIAN_BUREAU_URL ?? `http://127.0.0.1:${o.config.BEIAN_BUREAU_SIM_PORT}`);

  // the port delegates to the current adapter, so `connect` can re-point it once the simulator's port is known
  const port: BureauPort = {
    submit: (s) => adapter.submit(s),
    poll: (h) => adapter.poll(h),
    verifyFilingPassword: (n, p) => adapter.verifyFilingPassword(n, p),
    changeFilingPassword: (i) => adapter.changeFilingPassword(i),
    retrieveFilingPassword: (i) => adapter.retrieveFilingPassword(i),
    requestOfflineRetrieval: (i) => adapter.requestOfflineRetrieval(i),
    status: (q) => adapter.status(q),
    publicQuery: (q) => adapter.publicQuery(q),
    approvedSuffixes: () => adapter.approvedSuffixes(),
    fetchRecord: (n, p) => adapter.fetchRecord(n, p),
    inFlight: (q) => adapter.inFlight(q),
    requestThirdPartyCancellation: (i) => adapter.requestThirdPartyCancellation(i),
    reportUnfiledHandling: (l) => adapter.reportUnfiledHandling(l),
  };

  const registry = createRegistry({ pii: o.pii, providerId: credentials.ispId });
  const vault = new FilingPasswordVault();
  const downloads = createDownloadActions({ pii: o.pii, providerId: credentials.ispId });
  const sync = createBureauSync(
    {
      database: o.database,
      clock: o.clock,
      orders: o.orders,
      registry,
      bureau: port,
      downloads,
      notifyAccount: o.notifyAccount,
      log: o.log,
    },
    vault,
  );
  const reader = o.readerUrl && o.database.dialect === 'sqlite' ? openSqliteReader(o.readerUrl) : null;
  const query = createPublicQuery({ database: o.database, registry, bureau: port, reader });
  let simulator: RunningSimulator | null = null;

  /**
   * The post-filing service's password check (R-BUR-008, CANCEL_SUBJECT at creation): verified at the bureau and, when
   * right, held in memory for the upload of the order about to be created.
   */
  async function verifyAndHold(filingNumber: string, password: string): Promise<boolean> {
    const ok = await port.verifyFilingPassword(filingNumber, password);
    if (ok) vault.hold(filingNumber, password);
    return ok;
  }

  function connect(baseUrl: string) {
    adapter = make(baseUrl);
  }

  /** R-ACC-013 in demo mode: the simulated bureau knows the provider's servers (their expiry) by IP. */
  async function serverFact(ip: string) {
    const row = await o.database.db
      .selectFrom('servers')
      .select('expires_at')
      .where('public_ip', '=', ip)
      .executeTakeFirst();
    return row ? { expiresOn: row.expires_at } : undefined;
  }

  async function start() {
    const wanted = o.simulator ?? (o.config.BEIAN_MODE === 'demo' && !o.config.BEIAN_BUREAU_URL);
    if (wanted && !simulator) {
      simulator = await startBureauSimulator({
        host: '127.0.0.1',
        port: o.config.BEIAN_BUREAU_SIM_PORT,
        dataDir: o.config.dataDir,
        facts: { server: serverFact },
        // a configured account (BEIAN_BUREAU_*) is the one the in-process simulator knows, beside P2
        ...(o.credentials
          ? { providers: [{ ...o.credentials, name: o.config.BEIAN_PROVIDER_NAME }, P2_PROVIDER] }
          : {}),
      });
      connect(simulator.url);
    }
    await sync.ensureTimer();
  }

  async function close() {
    await simulator?.close();
    simulator = null;
    reader?.close();
  }

  function register(app: App) {
    registerBureauRoutes(app, { orders: o.orders, bureau: port, sync, vault });
    registerPublicQueryRoutes(app, { query, bureau: port });
    registerDownloadRoutes(app, { database: o.database, clock: o.clock });
  }

  return {
    port,
    /** The verify step's bureau lookup (R-ORD-004/009): OrdersService's late-bound `bureauLookup`. */
    verifyLookup: createVerifyLookup(port),
    registry,
    vault,
    /**
     * R-BUR-018: `checkBlacklist(db, {certificateNumber, websiteNames})` → BLACKLISTED violations, and
     * `assertNotBlacklisted` (throws RULE_VIOLATION) for the verify step and submission to consult.
     */
    blacklist: { check: downloads.checkBlacklist, assertNotBlacklisted: downloads.assertNotBlacklisted },
    verifyAndHold,
    sync,
    query,
    connect,
    start,
    close,
    register,
    timerHandlers: sync.timerHandlers,
    adapter: () => adapter,
    simulator: () => simulator,
  };
}

export type BureauModule = ReturnType<typeof createBureauModule>;
