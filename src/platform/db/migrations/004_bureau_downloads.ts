import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations run against an untyped schema by design (Kysely docs)
type AnyDb = Kysely<any>;

/**
 * What the bureau sends besides results (issue 6): the local copy of the bureau's blacklist (HMDLB, R-BUR-018) and the
 * bureau's findings about this provider (HCJG access checks, WBAWZLB unfiled sites), each with how it was handled, for
 * staff to see and, for unfiled sites, to report back (WBACLJG). Row types: `src/modules/bureau/downloads.ts`.
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('bureau_blacklist')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('match_key', 'text', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('domains', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('bureau_blacklist_key')
    .on('bureau_blacklist')
    .columns(['kind', 'match_key'])
    .unique()
    .execute();

  await db.schema
    .createTable('bureau_findings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('payload_sha256', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('website_number', 'text')
    .addColumn('domain', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('report_state', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('resolved_at', 'bigint')
    .addColumn('resolved_by', 'text')
    .execute();
  await db.schema
    .createIndex('bureau_findings_file')
    .on('bureau_findings')
    .columns(['payload_sha256', 'seq'])
    .unique()
    .execute();
  await db.schema.createIndex('bureau_findings_status').on('bureau_findings').columns(['status', 'kind']).execute();
  await db.schema.createIndex('bureau_findings_report').on('bureau_findings').column('report_state').execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('bureau_findings').ifExists().execute();
  await db.schema.dropTable('bureau_blacklist').ifExists().execute();
}
