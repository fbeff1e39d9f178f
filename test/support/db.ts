import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type Database, openDatabase } from '../../src/platform/db/database.ts';
import { migrateToLatest } from '../../src/platform/db/migrate.ts';

/** Which backend the *.db.test.ts files run on: the runner sets BEIAN_TEST_DB=postgres for the second pass. */
export const testBackend = (process.env.BEIAN_TEST_DB === 'postgres' ? 'postgres' : 'sqlite') as 'sqlite' | 'postgres';

/**
 * A fresh, migrated database for one test: SQLite in memory, or a new PostgreSQL schema (dropped on close), so tests
 * never see each other's rows and can run in parallel.
 */
export async function testDatabase(): Promise<Database> {
  if (testBackend === 'sqlite') {
    const database = openDatabase(':memory:');
    await migrateToLatest(database);
    return database;
  }
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const url = new URL(PG_BASE);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const inner = openDatabase(url.toString(), { poolSize: 5 });
  await whileMigrating(async (admin) => {
    await admin!.query(`create schema ${schema}`);
    await migrateToLatest(inner, { schema });
  });
  return {
    ...inner,
    async close() {
      await inner.close();
      const c = new pg.Client({ connectionString: PG_BASE });
      await c.connect();
      try {
        // exclusive: no migration of another test file is introspecting the catalogue while this schema goes away
        await c.query('select pg_advisory_lock($1)', [SCHEMA_LOCK]);
        await c.query(`drop schema ${schema} cascade`);
      } finally {
        await c.end();
      }
    },
  };
}

const PG_BASE = process.env.BEIAN_TEST_PG_URL ?? 'postgres://beian:beian@127.0.0.1:5432/beian_test';
const SCHEMA_LOCK = 74_280_001;

/**
 * Runs a migration (ours, or the bureau simulator's on a test schema) under a shared advisory lock. Kysely's migrator
 * introspects every schema of the database, and PostgreSQL fails that query with 3F000 "schema does not exist" when
 * another test file drops its schema at the same moment; drops take the lock exclusively, so the two never overlap.
 * On SQLite it just runs `fn`.
 */
export async function whileMigrating<T>(fn: (admin: pg.Client | null) => Promise<T>): Promise<T> {
  if (testBackend === 'sqlite') return fn(null);
  const admin = new pg.Client({ connectionString: PG_BASE });
  await admin.connect();
  try {
    await admin.query('select pg_advisory_lock_shared($1)', [SCHEMA_LOCK]);
    return await fn(admin);
  } finally {
    await admin.end();
  }
}
