import type { Clock } from '../../platform/clock.ts';
import type { Database } from '../../platform/db/database.ts';
import { DomainError } from '../../platform/errors.ts';
import { setTimer, type TimerHandler } from '../../platform/timers.ts';
import { type Actor, appendAudit } from '../audit/audit.repository.ts';
import { beijingDate, startOfBeijingDay, addCalendarDays, type WorkCalendar } from '../calendar/index.ts';
import type { OrdersService } from './orders.service.ts';

const SYSTEM: Actor = { id: null, role: 'system' };

/** What a working-day timer (SLA clocks, R-ORD-017/021) keeps so a calendar change can move it. */
export interface WorkingDayTimerPayload {
  workingDays: number;
  /** The Beijing date the count started from. */
  from: string;
}

/** A working-day deadline falls due at the end of that Beijing working day. */
export function workingDayDueAt(date: string): number {
  return Date.parse(`${date}T23:59:59+08:00`);
}

/**
 * An admin's calendar change (a late 调休 notice, R-CAL) moves every open working-day deadline computed under an older
 * calendar: the count is redone from its start day, so a timer never fires on a day that is no longer a working day.
 * Returns how many timers moved.
 */
export async function recomputeWorkingDayTimers(database: Database, calendar: WorkCalendar): Promise<number> {
  const rows = await database.db
    .selectFrom('timers')
    .select(['id', 'payload', 'due_at', 'calendar_version'])
    .where('done_at', 'is', null)
    .where('calendar_version', 'is not', null)
    .where('calendar_version', '!=', calendar.version)
    .execute();
  let moved = 0;
  for (const r of rows) {
    const p = r.payload ? (JSON.parse(r.payload) as Partial<WorkingDayTimerPayload>) : {};
    if (typeof p.workingDays !== 'number' || typeof p.from !== 'string') continue;
    const due = calendar.addWorkingDaysDetailed(p.from, p.workingDays);
    const dueAt = workingDayDueAt(due.date);
    // guarded by the version it was computed under: a timer a worker claimed or cleared meanwhile is left alone
    const res = await database.db
      .updateTable('timers')
      .set({ due_at: dueAt, calendar_version: due.calendarVersion })
      .where('id', '=', r.id)
      .where('done_at', 'is', null)
      .where('calendar_version', '=', r.calendar_version)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) === 1 && dueAt !== Number(r.due_at)) moved++;
  }
  return moved;
}
export const SERVER_SWEEP = 'SERVER_EXPIRY_SWEEP';
const NON_TERMINAL = ['DRAFT', 'PENDING_INITIAL_REVIEW', 'INITIAL_REJECTED', 'PHOTO_PENDING', 'PENDING_RE_REVIEW', 'RE_REVIEW_REJECTED', 'PENDING_BUREAU', 'BUREAU_REJECTED'];

/**
 * A refusal from the table means the timer is stale (the order moved on since it was set); stale timers are done.
 * Any other error propagates, so the worker retries with backoff (at-least-once, idempotent handlers).
 */
async function ignoringRefusals(run: () => Promise<unknown>): Promise<void> {
  try {
    await run();
  } catch (err) {
    if (err instanceof DomainError && (err.code === 'ILLEGAL_TRANSITION' || err.code === 'NOT_FOUND' || err.code === 'STALE_VERSION' || err.code === 'RULE_VIOLATION' || err.code === 'FORBIDDEN'))
      return;
    throw err;
  }
}

/** The lifecycle's timer handlers (R-ORD-017/021/026, R-ACC-013, R-ACC-021). */
export function orderTimerHandlers(deps: { database: Database; clock: Clock; orders: OrdersService }): Record<string, TimerHandler> {
  const { db } = deps.database;

  /** T04/T10/T12/T17/T22/T24: 45 days in a step. The table itself checks that 45 × 24 h really passed. */
  const STEP_EXPIRY: TimerHandler = (t) => ignoringRefusals(() => deps.orders.transition(t.object_id, { type: 'EXPIRE_45D', at: deps.clock.now() }, SYSTEM));

  /** A missed review SLA is recorded for the dashboards; the order itself does not change. */
  const slaBreach =
    (state: string): TimerHandler =>
    async (t) => {
      const o = await db.selectFrom('orders').select(['state']).where('id', '=', t.object_id).executeTakeFirst();
      if (o?.state !== state) return;
      await appendAudit(db, { actor: SYSTEM, action: 'order.sla_breached', objectType: 'order', objectId: t.object_id, details: { state, kind: t.kind } }, deps.clock.now().getTime());
    };

  /**
   * R-ACC-013 / T23 and R-ACC-021: once a day (just after midnight Beijing time) flag the non-terminal orders whose access
   * server (or authorization code's server) has expired, clear the flag of renewed ones, and invalidate unused codes
   * of expired servers. Reschedules itself; idempotent.
   */
  const SERVER_EXPIRY_SWEEP: TimerHandler = async () => {
    await sweepServerExpiry(deps);
    const next = startOfBeijingDay(addCalendarDays(beijingDate(deps.clock.now()), 1)).getTime() + 60_000;
    const pending = await db.selectFrom('timers').select('id').where('kind', '=', SERVER_SWEEP).where('done_at', 'is', null).where('due_at', '>', deps.clock.now().getTime()).executeTakeFirst();
    if (!pending) await setTimer(db, { kind: SERVER_SWEEP, objectId: 'servers', dueAt: next }, deps.clock.now().getTime());
  };

  return { STEP_EXPIRY, INITIAL_REVIEW_SLA: slaBreach('PENDING_INITIAL_REVIEW'), RE_REVIEW_SLA: slaBreach('PENDING_RE_REVIEW'), SERVER_EXPIRY_SWEEP };
}

export async function sweepServerExpiry(deps: { database: Database; clock: Clock; orders: OrdersService }): Promise<{ flagged: number; cleared: number }> {
  const { db } = deps.database;
  const today = beijingDate(deps.clock.now());
  const rows = await db
    .selectFrom('orders')
    .innerJoin('servers', 'servers.id', 'orders.server_id')
    .select(['orders.id', 'orders.flags', 'servers.expires_at'])
    .where('orders.state', 'in', NON_TERMINAL)
    .execute();
  let flagged = 0;
  let cleared = 0;
  for (const r of rows) {
    const expired = r.expires_at <= today;
    const isFlagged = Boolean((JSON.parse(r.flags) as { serverExpired?: boolean }).serverExpired);
    if (expired && !isFlagged) {
      await ignoringRefusals(() => deps.orders.transition(r.id, { type: 'SERVER_EXPIRED' }, SYSTEM));
      flagged++;
    } else if (!expired && isFlagged) {
      await ignoringRefusals(() => deps.orders.transition(r.id, { type: 'SERVER_RENEWED' }, SYSTEM));
      cleared++;
    }
  }
  // R-ACC-021: AVAILABLE codes of expired servers become INVALID (RESERVED ones follow their order's flag)
  const expiredServers = db.selectFrom('servers').select('id').where('expires_at', '<=', today);
  await db.updateTable('auth_codes').set({ state: 'INVALID', updated_at: deps.clock.now().getTime() }).where('state', '=', 'AVAILABLE').where('server_id', 'in', expiredServers).execute();
  return { flagged, cleared };
}

/** Makes sure the daily sweep is scheduled (at boot). */
export async function ensureServerSweep(database: Database, clock: Clock): Promise<void> {
  const pending = await database.db.selectFrom('timers').select('id').where('kind', '=', SERVER_SWEEP).where('done_at', 'is', null).executeTakeFirst();
  if (!pending) await setTimer(database.db, { kind: SERVER_SWEEP, objectId: 'servers', dueAt: clock.now().getTime() }, clock.now().getTime());
}
