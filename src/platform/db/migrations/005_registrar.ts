import type { Kysely } from 'kysely';

// biome-ignore lint/suspicious/noExplicitAny: migrations run against an untyped schema by design (Kysely docs)
type AnyDb = Kysely<any>;

/**
 * The provider's own registrar database (R-WEB-007..014): for domains registered with this provider it is the
 * authority on registrar, real-name verification, registrant and privacy protection. A domain that is not here has no
 * registrar facts, and the rules that need them stay silent. The registrant name is personal for individuals, so it is
 * an AES-GCM envelope bound to the row (`registrar_domains.registrant_name.<domain>`).
 *
 * `registry_principal_keys`: blind indexes of the principals of filed subjects and websites (mobile, office phone,
 * certificate number), so the uniqueness rules (R-SUB-019/020/023) find the few records that share a number without
 * decrypting the registry. It is derived data: the check-facts gatherer brings a row up to date whenever its source
 * row's `updated_at` differs from `source_updated_at`.
 */
export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('registrar_domains')
    .addColumn('domain', 'text', (c) => c.primaryKey())
    .addColumn('registrar', 'text', (c) => c.notNull())
    .addColumn('domestic_qualified', 'integer', (c) => c.notNull())
    .addColumn('real_name_verified_on', 'text')
    .addColumn('registrant_type', 'text')
    .addColumn('registrant_name_enc', 'text')
    .addColumn('privacy_protection', 'integer', (c) => c.notNull())
    .addColumn('expires_on', 'text')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('registry_principal_keys')
    .addColumn('entity_id', 'text', (c) => c.primaryKey())
    .addColumn('entity_type', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('source_updated_at', 'bigint', (c) => c.notNull())
    .addColumn('mobile_key', 'text')
    .addColumn('phone_key', 'text')
    .addColumn('cert_key', 'text')
    .execute();
  await db.schema
    .createIndex('registry_principal_keys_mobile')
    .on('registry_principal_keys')
    .column('mobile_key')
    .execute();
  await db.schema
    .createIndex('registry_principal_keys_phone')
    .on('registry_principal_keys')
    .column('phone_key')
    .execute();
  await db.schema
    .createIndex('registry_principal_keys_cert')
    .on('registry_principal_keys')
    .column('cert_key')
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('registry_principal_keys').ifExists().execute();
  await db.schema.dropTable('registrar_domains').ifExists().execute();
}
