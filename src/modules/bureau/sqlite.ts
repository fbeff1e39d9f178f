import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { type CompiledQuery, Kysely, type SqliteDatabase, SqliteDialect, type SqliteStatement } from 'kysely';
import type { Database } from '../../platform/db/database.ts';
import type { DB } from '../../platform/db/schema.ts';

/**
 * SQLite helpers for the two hot paths of this module. Kysely's SQLite driver prepares every statement again on every
 * execution; preparing is most of the cost of a short indexed query. The simulator's own database and the public
 * query's read connection therefore keep their prepared statements (better-sqlite3 statements are reusable; Kysely
 * runs one statement at a time on its single connection).
 */

function statementCache(sqlite: SQLite.Database, max = 512): SqliteDatabase {
  const cache = new Map<string, SqliteStatement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string): SqliteStatement {
      let stmt = cache.get(sql);
      if (!stmt) {
        if (cache.size >= max) cache.clear();
        stmt = sqlite.prepare(sql) as unknown as SqliteStatement;
        cache.set(sql, stmt);
      }
      return stmt;
    },
  };
}

/** The simulator's own SQLite database (WAL, like the platform's), with a statement cache. */
export function openSimulatorDatabase(file: string): Database {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('synchronous = NORMAL');
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: statementCache(sqlite) }) });
  return { db, dialect: 'sqlite', close: () => db.destroy() };
}

/**
 * A read-only connection to the platform's SQLite file for the public query (R-BUR-012): anonymous, rate-limited
 * per client but the busiest read of the platform. Queries are built with Kysely (the same builders as the general
 * path), compiled once per shape, and run as cached prepared statements. WAL lets it read beside the writer.
 */
export interface SqlReader {
  all<T>(q: CompiledQuery, parameters: readonly unknown[]): T[];
  close(): void;
}

export function openSqliteReader(url: string): SqlReader | null {
  const file = url.startsWith('sqlite:') ? url.slice('sqlite:'.length) : null;
  if (!file || file === ':memory:') return null;
  const sqlite = new SQLite(file, { readonly: true, fileMustExist: true });
  const cache = statementCache(sqlite);
  return {
    all: <T>(q: CompiledQuery, parameters: readonly unknown[]) => cache.prepare(q.sql).all(parameters) as T[],
    close: () => sqlite.close(),
  };
}
