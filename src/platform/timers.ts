import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Clock } from './clock.ts';
import type { Database, Tx } from './db/database.ts';
import { newId } from './db/ids.ts';

/**
 * Durable timers (STACK "Job queue / timers"): rows in `timers`, claimed by lease, handled at least once.
 * Handlers must be idempotent: a crash after the handler but before `done_at` runs it again.
 * Timers are created and cleared inside the transaction of the state change that causes them.
 */
export interface TimerRow {
  id: string;
  kind: string;
  object_id: string;
  due_at: number;
  payload: string | null;
  attempts: number;
}

export async function setTimer(
  tx: Tx,
  t: { kind: string; objectId: string; dueAt: number; payload?: unknown; calendarVersion?: string },
  now: number,
): Promise<string> {
  const id = newId();
  await tx
    .insertInto('timers')
    .values({
      id,
      kind: t.kind,
      object_id: t.objectId,
      due_at: t.dueAt,
      payload: t.payload === undefined ? null : JSON.stringify(t.payload),
      lease_until: null,
      lease_owner: null,
      attempts: 0,
      done_at: null,
      last_error: null,
      calendar_version: t.calendarVersion ?? null,
      created_at: now,
    })
    .execute();
  return id;
}

/** Clears pending timers of an object (all kinds, or the kinds given). Cleared timers are marked done, not deleted. */
export async function clearTimers(tx: Tx, objectId: string, now: number, kinds?: readonly string[]): Promise<void> {
  let q = tx
    .updateTable('timers')
    .set({ done_at: now, last_error: 'cleared' })
    .where('object_id', '=', objectId)
    .where('done_at', 'is', null);
  if (kinds?.length) q = q.where('kind', 'in', kinds as string[]);
  await q.execute();
}

export async function pendingTimers(tx: Tx, objectId: string) {
  return tx
    .selectFrom('timers')
    .selectAll()
    .where('object_id', '=', objectId)
    .where('done_at', 'is', null)
    .orderBy('due_at')
    .execute();
}

export type TimerHandler = (timer: TimerRow) => Promise<void>;

export interface TimerWorkerOptions {
  database: Database;
  clock: Clock;
  handlers: Record<string, TimerHandler>;
  leaseMs?: number;
  batch?: number;
  owner?: string;
  onError?: (timer: TimerRow, err: unknown) => void;
}

/**
 * Claims due timers with a lease. The outer UPDATE re-checks that the row is still free, which is what keeps two
 * workers from claiming the same row under READ COMMITTED (STACK pitfall 7); PostgreSQL adds SKIP LOCKED so that
 * concurrent workers spread the work instead of queueing behind one another.
 */
export async function claimDue(
  database: Database,
  now: number,
  owner: string,
  leaseMs: number,
  batch: number,
): Promise<TimerRow[]> {
  const { db, dialect } = database;
  const lockClause = dialect === 'postgres' ? sql` for update skip locked` : sql``;
  const result = await sql<TimerRow>`
    update timers set lease_until = ${now + leaseMs}, lease_owner = ${owner}, attempts = attempts + 1
    where id in (
      select id from timers
      where done_at is null and due_at <= ${now} and (lease_until is null or lease_until < ${now})
      order by due_at limit ${batch}${lockClause}
    )
    and done_at is null and (lease_until is null or lease_until < ${now})
    returning id, kind, object_id, due_at, payload, attempts`.execute(db);
  return result.rows.map((r) => ({ ...r, due_at: Number(r.due_at), attempts: Number(r.attempts) }));
}

export function createTimerWorker(opts: TimerWorkerOptions) {
  const owner = opts.owner ?? `worker-${randomUUID().slice(0, 8)}`;
  const leaseMs = opts.leaseMs ?? 60_000;
  const batch = opts.batch ?? 50;
  let handle: NodeJS.Timeout | undefined;
  let running: Promise<number> | undefined;

  /** Runs every due timer once; returns how many were handled. Tests call this directly after moving the clock. */
  async function runDue(): Promise<number> {
    let handled = 0;
    for (;;) {
      const now = opts.clock.now().getTime();
      const rows = await claimDue(opts.database, now, owner, leaseMs, batch);
      if (rows.length === 0) return handled;
      for (const row of rows) {
        const handler: TimerHandler | undefined = opts.handlers[row.kind];
        try {
          if (handler) await handler(row);
          await opts.database.db
            .updateTable('timers')
            .set({
              done_at: opts.clock.now().getTime(),
              lease_until: null,
              last_error: handler === undefined ? 'no handler' : null,
            })
            .where('id', '=', row.id)
            .where('lease_owner', '=', owner)
            .execute();
          handled++;
        } catch (err) {
          opts.onError?.(row, err);
          // back off: retry after min(2^attempts minutes, 1 hour)
          const retryAt = opts.clock.now().getTime() + Math.min(2 ** row.attempts * 60_000, 3_600_000);
          await opts.database.db
            .updateTable('timers')
            .set({
              lease_until: null,
              due_at: retryAt,
              last_error: String((err as Error)?.message ?? err).slice(0, 500),
            })
            .where('id', '=', row.id)
            .execute();
        }
      }
    }
  }

  return {
    runDue,
    start(intervalMs = 5_000) {
      const tick = () => {
        running ??= runDue().finally(() => {
          running = undefined;
        });
      };
      handle = setInterval(tick, intervalMs);
      handle.unref();
    },
    async stop() {
      if (handle) clearInterval(handle);
      await running;
    },
  };
}
export type TimerWorker = ReturnType<typeof createTimerWorker>;
