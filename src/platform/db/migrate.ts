import { type Migration, type MigrationProvider, Migrator } from 'kysely';
import type { Database } from './database.ts';
import * as m001 from './migrations/001_foundation.ts';
import * as m002 from './migrations/002_review.ts';
import * as m003 from './migrations/003_bureau.ts';
import * as m004 from './migrations/004_bureau_downloads.ts';
import * as m005 from './migrations/005_registrar.ts';
import * as m006 from './migrations/006_extras.ts';

/** In-code migration list: bundling-safe (no directory scanning) and identical on SQLite and PostgreSQL. */
const migrations: Record<string, Migration> = {
  '001_foundation': m001,
  '002_review': m002,
  '003_bureau': m003,
  '004_bureau_downloads': m004,
  '005_registrar': m005,
  '006_extras': m006,
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

/**
 * `schema` names the PostgreSQL schema of the migration bookkeeping tables; needed when several schemas share a
 * database (tests), because Kysely otherwise finds another schema's lock table and skips creating its own.
 */
export async function migrateToLatest(database: Database, opts: { schema?: string } = {}): Promise<string[]> {
  const migrator = new Migrator({ db: database.db, provider, ...(opts.schema ? { migrationTableSchema: opts.schema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
