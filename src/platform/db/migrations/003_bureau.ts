import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations run against an untyped schema by design (Kysely docs)
type AnyDb = Kysely<any>;

/**
 * The bureau adapter and the registry (issue 6): the MIIT upload journal (last accepted dataSequence and the upload in
 * flight, so a restart reconciles instead of sending twice), one submission row per order and bureau round, the files
 * downloaded from the bureau, the registry's bureau ids and §17.3 statuses, and the access records of filed websites
 * (which providers serve them, R-BUR-021).
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('bureau_journal')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  // SQLite takes one ADD COLUMN per statement
  await db.schema.alterTable('bureau_submissions').addColumn('round_seq', 'bigint').execute();
  await db.schema.alterTable('bureau_submissions').addColumn('order_type', 'text').execute();
  await db.schema.alterTable('bureau_submissions').addColumn('ref', 'bigint').execute();
  await db.schema.alterTable('bureau_submissions').addColumn('result_keys', 'text').execute();
  await db.schema.alterTable('bureau_submissions').addColumn('file_name', 'text').execute();
  await db.schema.alterTable('bureau_submissions').addColumn('data_sequence', 'integer').execute();
  await db.schema
    .createIndex('bureau_submissions_round')
    .on('bureau_submissions')
    .columns(['order_id', 'round_seq'])
    .unique()
    .execute();
  await db.schema.createIndex('bureau_submissions_state').on('bureau_submissions').column('state').execute();

  await db.schema
    .createTable('bureau_inbox')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('payload_sha256', 'text', (c) => c.notNull().unique())
    .addColumn('kinds', 'text', (c) => c.notNull())
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('received_at', 'bigint', (c) => c.notNull())
    .addColumn('applied_at', 'bigint')
    .execute();

  await db.schema
    .createTable('registry_access')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('website_id', 'text', (c) => c.notNull())
    .addColumn('provider_id', 'bigint', (c) => c.notNull())
    .addColumn('bureau_id', 'bigint')
    .addColumn('access_ip', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('registry_access_website')
    .on('registry_access')
    .columns(['website_id', 'status'])
    .execute();
  await db.schema.createIndex('registry_access_bureau').on('registry_access').column('bureau_id').execute();

  for (const [table, col, type] of [
    ['subjects', 'bureau_id', 'bigint'],
    ['subjects', 'approved_on', 'text'],
    ['subjects', 'cancelled_at', 'bigint'],
    ['subjects', 'cancel_reason', 'text'],
    ['websites', 'bureau_id', 'bigint'],
    ['websites', 'approved_on', 'text'],
    ['websites', 'shell_since', 'bigint'],
    ['websites', 'cancelled_at', 'bigint'],
    ['websites', 'cancel_reason', 'text'],
    ['domains', 'bureau_id', 'bigint'],
    ['domains', 'host', 'text'],
  ] as const)
    await db.schema.alterTable(table).addColumn(col, type).execute();

  await db.schema.createIndex('subjects_filing_number').on('subjects').column('filing_number').execute();
  await db.schema.createIndex('subjects_name').on('subjects').column('name').execute();
  await db.schema.createIndex('subjects_bureau').on('subjects').column('bureau_id').execute();
  await db.schema.createIndex('websites_filing_number').on('websites').column('filing_number').execute();
  await db.schema.createIndex('websites_bureau').on('websites').column('bureau_id').execute();
  await db.schema.createIndex('domains_website').on('domains').column('website_id').execute();
}

export async function down(db: AnyDb): Promise<void> {
  for (const idx of [
    'domains_website',
    'websites_bureau',
    'websites_filing_number',
    'subjects_bureau',
    'subjects_name',
    'subjects_filing_number',
    'registry_access_bureau',
    'registry_access_website',
    'bureau_submissions_state',
    'bureau_submissions_round',
  ])
    await db.schema.dropIndex(idx).ifExists().execute();
  for (const [table, col] of [
    ['domains', 'host'],
    ['domains', 'bureau_id'],
    ['websites', 'cancel_reason'],
    ['websites', 'cancelled_at'],
    ['websites', 'shell_since'],
    ['websites', 'approved_on'],
    ['websites', 'bureau_id'],
    ['subjects', 'cancel_reason'],
    ['subjects', 'cancelled_at'],
    ['subjects', 'approved_on'],
    ['subjects', 'bureau_id'],
    ['bureau_submissions', 'data_sequence'],
    ['bureau_submissions', 'file_name'],
    ['bureau_submissions', 'result_keys'],
    ['bureau_submissions', 'ref'],
    ['bureau_submissions', 'order_type'],
    ['bureau_submissions', 'round_seq'],
  ] as const)
    await db.schema.alterTable(table).dropColumn(col).execute();
  await db.schema.dropTable('registry_access').ifExists().execute();
  await db.schema.dropTable('bureau_inbox').ifExists().execute();
  await db.schema.dropTable('bureau_journal').ifExists().execute();
}
