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
  const base = process.env.BEIAN_TEST_PG_URL ?? 'postgres://beian:beian@127.0.0.1:5432/beian_test';
  const schema = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const url = new URL(base);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const inner = openDatabase(url.toString(), { poolSize: 5 });
  await migrateToLatest(inner, { schema });
  return {
    ...inner,
    async close() {
      await inner.close();
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`drop schema ${schema} cascade`);
      await c.end();
    },
  };
}
