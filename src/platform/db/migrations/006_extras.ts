import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations run against an untyped schema by design (Kysely docs)
type AnyDb = Kysely<any>;

/**
 * The after-filing extras (R-EXT-002, R-EXT-004/005): the public-security filing number a customer records for a
 * website (one per website; its display task is derived from the approval date), and the qualification-document
 * requests (接入商资质证明) handled as tickets by support. Row types: `src/modules/extras/extras.repository.ts`.
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('psb_records')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('website_id', 'text', (c) => c.notNull().unique())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('psb_number', 'text', (c) => c.notNull())
    .addColumn('approved_on', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('psb_records_account').on('psb_records').column('account_id').execute();

  await db.schema
    .createTable('qualification_requests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('domain', 'text', (c) => c.notNull())
    .addColumn('uin', 'text', (c) => c.notNull())
    .addColumn('registered_capital_cny', 'bigint')
    .addColumn('website_id', 'text')
    .addColumn('filing_number', 'text')
    .addColumn('warnings', 'text', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('qualification_requests_account')
    .on('qualification_requests')
    .columns(['account_id', 'created_at'])
    .execute();
  await db.schema.createIndex('qualification_requests_state').on('qualification_requests').column('state').execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('qualification_requests').ifExists().execute();
  await db.schema.dropTable('psb_records').ifExists().execute();
}
