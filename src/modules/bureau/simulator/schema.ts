import { type Kysely, type Migration, type MigrationProvider, Migrator, sql } from 'kysely';
import type { Database } from '../../../platform/db/database.ts';
import type { DB } from '../../../platform/db/schema.ts';

/**
 * The simulated bureau's own database (a separate SQLite file by default, BEIAN_DATA_DIR/bureau-sim.sqlite): the
 * bureau's filing records, its review queue, the files waiting for each provider and the messages it sent to
 * principals. Nothing here is shared with the platform; the two talk only through the MIIT interface and the portal.
 * Same portable subset as the platform (text/integer/bigint, JSON as text, epoch-ms times, civil dates as text).
 */
export type SimTables = {
  sim_meta: { key: string; value: string };
  /** Every file received, for isp_querypreviousupload (the envelope exactly as received). */
  sim_uploads: {
    id: string;
    isp_id: number;
    data_sequence: number;
    file_name: string;
    payload_sha256: string;
    received: string;
    ops: string;
    received_at: number;
  };
  /** One row per business record of an upload (XZBA Baxx, XZJR Xzxx, ZXBA Zx_xx …), decided together per upload. */
  sim_submissions: {
    id: string;
    isp_id: number;
    upload_id: string;
    record_index: number;
    op: string;
    record: string;
    czlx: number;
    bs: string;
    gj_jlid: number;
    province: string | null;
    subject_cert: string | null;
    domains: string;
    received_at: number;
    decide_on: string;
    state: string;
    findings: string | null;
    decided_at: number | null;
  };
  /** Registrable domains of applications under review, for the in-flight conflict check (R-ORD-009). */
  sim_inflight: { submission_id: string; upload_id: string; kind: string; value: string };
  sim_subjects: {
    id: number;
    filing_number: string;
    province: string;
    name: string;
    nature: number;
    cert_code: number;
    cert_number: string;
    data: string;
    password: string;
    first_isp: number;
    isp_ztid: number | null;
    next_suffix: number;
    status: string;
    approved_on: string;
    updated_on: string;
    cancelled_on: string | null;
    cancel_reason: string | null;
  };
  sim_websites: {
    id: number;
    subject_id: number;
    suffix: number;
    filing_number: string;
    name: string;
    data: string;
    isp_wzid: number | null;
    /** The provider whose XZBA/XZWZ created it: IspWzid means something only to that provider. */
    creator_isp: number;
    status: string;
    shell_since: number | null;
    approved_on: string;
    updated_on: string;
    cancelled_on: string | null;
    cancel_reason: string | null;
  };
  sim_domains: { id: number; website_id: number; domain: string; ym: string; status: string };
  sim_access: {
    id: number;
    website_id: number;
    isp_id: number;
    isp_jrid: number | null;
    data: string;
    status: string;
    created_at: number;
    removed_at: number | null;
  };
  sim_downloads: {
    id: number;
    isp_id: number;
    file_name: string;
    data: string;
    available_at: number;
    acked_at: number | null;
    created_at: number;
  };
  /** What the bureau sent to principals (SMS, email, recorded phone calls): stands in for their phones (R-BUR-010). */
  sim_outbox: {
    id: number;
    at: number;
    channel: string;
    recipient: string;
    kind: string;
    subject_id: number | null;
    text: string;
  };
  sim_blacklist: { id: number; kind: string; value: string; created_at: number };
  /** Registrar, server, certificate, site-probe and existing-website facts the review reads (set by controls). */
  sim_facts: { kind: string; key: string; value: string; updated_at: number };
  /** Offline password retrievals and third-party cancellation requests (the mailed forms). */
  sim_requests: {
    id: string;
    kind: string;
    data: string;
    state: string;
    created_at: number;
    due_on: string | null;
    done_at: number | null;
  };
  /** IP and domain filings and the other ICP operations the review does not judge (HSJG, WBACLJG, XZHYD). */
  sim_records: {
    id: number;
    isp_id: number;
    area: string;
    op: string;
    isp_ref: number | null;
    data: string;
    created_at: number;
  };
};

/** The platform's table types come along only because `openDatabase` is typed with them; the simulator uses sim_*. */
export type SimDb = Kysely<DB & SimTables>;

// biome-ignore lint/suspicious/noExplicitAny: migrations run against an untyped schema by design (Kysely docs)
type AnyDb = Kysely<any>;

const m001: Migration = {
  async up(db: AnyDb) {
    await db.schema
      .createTable('sim_meta')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('value', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('sim_uploads')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('isp_id', 'bigint', (c) => c.notNull())
      .addColumn('data_sequence', 'integer', (c) => c.notNull())
      .addColumn('file_name', 'text', (c) => c.notNull())
      .addColumn('payload_sha256', 'text', (c) => c.notNull())
      .addColumn('received', 'text', (c) => c.notNull())
      .addColumn('ops', 'text', (c) => c.notNull())
      .addColumn('received_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('sim_uploads_isp')
      .on('sim_uploads')
      .columns(['isp_id', 'data_sequence'])
      .unique()
      .execute();
    await db.schema
      .createTable('sim_submissions')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('isp_id', 'bigint', (c) => c.notNull())
      .addColumn('upload_id', 'text', (c) => c.notNull())
      .addColumn('record_index', 'integer', (c) => c.notNull())
      .addColumn('op', 'text', (c) => c.notNull())
      .addColumn('record', 'text', (c) => c.notNull())
      .addColumn('czlx', 'integer', (c) => c.notNull())
      .addColumn('bs', 'text', (c) => c.notNull())
      .addColumn('gj_jlid', 'bigint', (c) => c.notNull())
      .addColumn('province', 'text')
      .addColumn('subject_cert', 'text')
      .addColumn('domains', 'text', (c) => c.notNull())
      .addColumn('received_at', 'bigint', (c) => c.notNull())
      .addColumn('decide_on', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('findings', 'text')
      .addColumn('decided_at', 'bigint')
      .execute();
    await db.schema.createIndex('sim_submissions_due').on('sim_submissions').columns(['state', 'decide_on']).execute();
    await db.schema.createIndex('sim_submissions_upload').on('sim_submissions').column('upload_id').execute();
    await db.schema
      .createIndex('sim_submissions_target')
      .on('sim_submissions')
      .columns(['czlx', 'bs', 'state'])
      .execute();
    await db.schema
      .createTable('sim_inflight')
      .addColumn('submission_id', 'text', (c) => c.notNull())
      .addColumn('upload_id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('value', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('sim_inflight_value').on('sim_inflight').columns(['kind', 'value']).execute();
    await db.schema.createIndex('sim_inflight_upload').on('sim_inflight').column('upload_id').execute();
    await db.schema
      .createTable('sim_subjects')
      .addColumn('id', 'bigint', (c) => c.primaryKey())
      .addColumn('filing_number', 'text', (c) => c.notNull().unique())
      .addColumn('province', 'text', (c) => c.notNull())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('nature', 'integer', (c) => c.notNull())
      .addColumn('cert_code', 'integer', (c) => c.notNull())
      .addColumn('cert_number', 'text', (c) => c.notNull())
      .addColumn('data', 'text', (c) => c.notNull())
      .addColumn('password', 'text', (c) => c.notNull())
      .addColumn('first_isp', 'bigint', (c) => c.notNull())
      .addColumn('isp_ztid', 'bigint')
      .addColumn('next_suffix', 'integer', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('approved_on', 'text', (c) => c.notNull())
      .addColumn('updated_on', 'text', (c) => c.notNull())
      .addColumn('cancelled_on', 'text')
      .addColumn('cancel_reason', 'text')
      .execute();
    await db.schema.createIndex('sim_subjects_cert').on('sim_subjects').columns(['cert_number', 'status']).execute();
    await db.schema.createIndex('sim_subjects_name').on('sim_subjects').column('name').execute();
    await db.schema
      .createTable('sim_websites')
      .addColumn('id', 'bigint', (c) => c.primaryKey())
      .addColumn('subject_id', 'bigint', (c) => c.notNull())
      .addColumn('suffix', 'integer', (c) => c.notNull())
      .addColumn('filing_number', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('data', 'text', (c) => c.notNull())
      .addColumn('isp_wzid', 'bigint')
      .addColumn('creator_isp', 'bigint', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('shell_since', 'bigint')
      .addColumn('approved_on', 'text', (c) => c.notNull())
      .addColumn('updated_on', 'text', (c) => c.notNull())
      .addColumn('cancelled_on', 'text')
      .addColumn('cancel_reason', 'text')
      .execute();
    await db.schema.createIndex('sim_websites_subject').on('sim_websites').column('subject_id').execute();
    await db.schema.createIndex('sim_websites_shell').on('sim_websites').columns(['status', 'shell_since']).execute();
    await db.schema
      .createTable('sim_domains')
      .addColumn('id', 'bigint', (c) => c.primaryKey())
      .addColumn('website_id', 'bigint', (c) => c.notNull())
      .addColumn('domain', 'text', (c) => c.notNull())
      .addColumn('ym', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('sim_domains_domain').on('sim_domains').columns(['domain', 'status']).execute();
    await db.schema.createIndex('sim_domains_website').on('sim_domains').column('website_id').execute();
    await db.schema
      .createTable('sim_access')
      .addColumn('id', 'bigint', (c) => c.primaryKey())
      .addColumn('website_id', 'bigint', (c) => c.notNull())
      .addColumn('isp_id', 'bigint', (c) => c.notNull())
      .addColumn('isp_jrid', 'bigint')
      .addColumn('data', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('removed_at', 'bigint')
      .execute();
    await db.schema.createIndex('sim_access_website').on('sim_access').columns(['website_id', 'status']).execute();
    await db.schema
      .createTable('sim_downloads')
      .addColumn('id', 'bigint', (c) => c.primaryKey())
      .addColumn('isp_id', 'bigint', (c) => c.notNull())
      .addColumn('file_name', 'text', (c) => c.notNull().unique())
      .addColumn('data', 'text', (c) => c.notNull())
      .addColumn('available_at', 'bigint', (c) => c.notNull())
      .addColumn('acked_at', 'bigint')
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('sim_downloads_due')
      .on('sim_downloads')
      .columns(['isp_id', 'acked_at', 'id'])
      .execute();
    await db.schema
      .createTable('sim_outbox')
      .addColumn('id', 'bigint', (c) => c.primaryKey())
      .addColumn('at', 'bigint', (c) => c.notNull())
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('recipient', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('subject_id', 'bigint')
      .addColumn('text', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('sim_blacklist')
      .addColumn('id', 'bigint', (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('value', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('sim_blacklist_value').on('sim_blacklist').columns(['kind', 'value']).execute();
    await db.schema
      .createTable('sim_facts')
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('value', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('sim_facts_pk', ['kind', 'key'])
      .execute();
    await db.schema
      .createTable('sim_requests')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('data', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .addColumn('due_on', 'text')
      .addColumn('done_at', 'bigint')
      .execute();
    await db.schema
      .createTable('sim_records')
      .addColumn('id', 'bigint', (c) => c.primaryKey())
      .addColumn('isp_id', 'bigint', (c) => c.notNull())
      .addColumn('area', 'text', (c) => c.notNull())
      .addColumn('op', 'text', (c) => c.notNull())
      .addColumn('isp_ref', 'bigint')
      .addColumn('data', 'text', (c) => c.notNull())
      .addColumn('created_at', 'bigint', (c) => c.notNull())
      .execute();
  },
  async down(db: AnyDb) {
    for (const t of [
      'sim_records',
      'sim_requests',
      'sim_facts',
      'sim_blacklist',
      'sim_outbox',
      'sim_downloads',
      'sim_access',
      'sim_domains',
      'sim_websites',
      'sim_subjects',
      'sim_inflight',
      'sim_submissions',
      'sim_uploads',
      'sim_meta',
    ])
      await db.schema.dropTable(t).ifExists().execute();
  },
};

/** The simulator's own migration list, bookkept in its own tables so it can share a database in tests. */
const simMigrations: Record<string, Migration> = { '001_bureau_sim': m001 };

export function simDb(database: Database): SimDb {
  return database.db.withTables<SimTables>();
}

export async function migrateSimulator(database: Database): Promise<void> {
  const provider: MigrationProvider = { getMigrations: async () => simMigrations };
  let schema: string | undefined;
  if (database.dialect === 'postgres') {
    const r = await sql<{ s: string }>`select current_schema() as s`.execute(database.db);
    schema = r.rows[0]?.s;
  }
  const migrator = new Migrator({
    db: database.db,
    provider,
    migrationTableName: 'sim_migration',
    migrationLockTableName: 'sim_migration_lock',
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
}
