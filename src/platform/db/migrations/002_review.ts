import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations run against an untyped schema by design (Kysely docs)
type AnyDb = Kysely<any>;

/**
 * Review back office (issue 8): each rejection keeps the reasons it gave and an encrypted snapshot of the draft it
 * judged, so the next review can show what changed since (R-REJ-002); confirmation calls remember which review round
 * they belong to and which number was called (R-ORD-018), so a call to a former principal does not confirm a new one.
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('review_rejections')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('order_id', 'text', (c) => c.notNull())
    .addColumn('order_version', 'integer', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('reasons', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('draft_enc', 'text', (c) => c.notNull())
    .addColumn('reviewer_id', 'text')
    .addColumn('at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('review_rejections_order')
    .on('review_rejections')
    .columns(['order_id', 'order_version'])
    .execute();

  // SQLite takes one ADD COLUMN per statement, so one alter per column
  await db.schema.alterTable('review_calls').addColumn('round_seq', 'integer').execute();
  await db.schema.alterTable('review_calls').addColumn('callee_key', 'text').execute();
  await db.schema.alterTable('review_calls').addColumn('callee_masked', 'text').execute();
  await db.schema.createIndex('review_calls_order').on('review_calls').columns(['order_id', 'at']).execute();
  // two reviewers logging the same attempt number of one round at once: the second insert fails
  await db.schema
    .createIndex('review_calls_attempt')
    .unique()
    .on('review_calls')
    .columns(['order_id', 'round_seq', 'attempt'])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropIndex('review_calls_attempt').ifExists().execute();
  await db.schema.dropIndex('review_calls_order').ifExists().execute();
  await db.schema.alterTable('review_calls').dropColumn('callee_masked').execute();
  await db.schema.alterTable('review_calls').dropColumn('callee_key').execute();
  await db.schema.alterTable('review_calls').dropColumn('round_seq').execute();
  await db.schema.dropTable('review_rejections').ifExists().execute();
}
