import type { Database, Tx } from '../../platform/db/database.ts';
import { isUniqueViolation } from '../../platform/db/database.ts';
import { newId } from '../../platform/db/ids.ts';
import { DomainError } from '../../platform/errors.ts';
import { type Actor, appendAudit } from '../audit/audit.repository.ts';
import { type CalendarOverride, createWorkCalendar, isCivilDate, type WorkCalendar } from '../calendar/index.ts';

/**
 * Calendar administration (R-ORD-035: one platform-wide working-day calendar): the admin's overrides live in
 * `calendar_overrides`, declared-complete years in `settings`, and after each change the calendar is rebuilt and
 * swapped into the holder every module reads through.
 */
export const OVERRIDE_YEARS_KEY = 'calendar_override_years';

/**
 * A WorkCalendar is immutable, and modules capture the instance they were built with; this holder is the one they
 * get instead. It forwards every property to the calendar in force, so `replace()` takes effect everywhere at once.
 */
export function refreshableCalendar(initial: WorkCalendar) {
  let current = initial;
  const calendar = new Proxy(initial, {
    get: (_target, prop) => {
      const value = Reflect.get(current, prop, current);
      return typeof value === 'function' ? value.bind(current) : value;
    },
    has: (_target, prop) => Reflect.has(current, prop),
  });
  return {
    calendar,
    current: () => current,
    replace(next: WorkCalendar) {
      current = next;
    },
  };
}
export type CalendarHolder = ReturnType<typeof refreshableCalendar>;

export async function readCalendarSources(tx: Tx) {
  const rows = await tx.selectFrom('calendar_overrides').selectAll().orderBy('date').execute();
  const years = await tx
    .selectFrom('settings')
    .select('value')
    .where('key', '=', OVERRIDE_YEARS_KEY)
    .executeTakeFirst();
  return {
    rows,
    overrides: rows.map(
      (o): CalendarOverride => ({
        date: o.date,
        kind: o.kind as 'holiday' | 'workday',
        name: o.name ?? undefined,
        source: o.source ?? undefined,
      }),
    ),
    overrideYears: years ? (JSON.parse(years.value) as number[]) : [],
  };
}

/** The calendar from the vendored notices plus what the admin entered. */
export async function loadWorkCalendar(database: Database): Promise<WorkCalendar> {
  const { overrides, overrideYears } = await readCalendarSources(database.db);
  return createWorkCalendar({ overrides, overrideYears });
}

export interface CalendarOverrideInput {
  date: string;
  kind: 'holiday' | 'workday';
  name?: string;
  source: string;
}

export function createCalendarAdmin(deps: {
  database: Database;
  holder: CalendarHolder;
  onRebuilt?: (calendar: WorkCalendar) => void | Promise<void>;
}) {
  const { db } = deps.database;

  async function rebuild(): Promise<WorkCalendar> {
    const next = await loadWorkCalendar(deps.database);
    deps.holder.replace(next);
    await deps.onRebuilt?.(next);
    return next;
  }

  async function list() {
    const { rows, overrideYears } = await readCalendarSources(db);
    return {
      overrides: rows.map((r) => ({
        id: r.id,
        date: r.date,
        kind: r.kind,
        name: r.name,
        source: r.source,
        createdBy: r.created_by,
        createdAt: r.created_at,
      })),
      overrideYears,
    };
  }

  async function add(input: CalendarOverrideInput, actor: Actor, at: number, requestId?: string) {
    if (!isCivilDate(input.date))
      throw new DomainError('VALIDATION_FAILED', {
        reason: 'BAD_DATE',
        message: { zh: `日期无效：${input.date}`, en: `Invalid date: ${input.date}` },
      });
    const id = newId();
    try {
      await db.transaction().execute(async (tx) => {
        await tx
          .insertInto('calendar_overrides')
          .values({
            id,
            date: input.date,
            kind: input.kind,
            name: input.name?.trim() || null,
            source: input.source.trim(),
            created_by: actor.id,
            created_at: at,
          })
          .execute();
        await appendAudit(
          tx,
          {
            actor,
            action: 'calendar_override.created',
            objectType: 'calendar_override',
            objectId: id,
            requestId,
            details: { date: input.date, kind: input.kind, name: input.name, source: input.source },
          },
          at,
        );
      });
    } catch (err) {
      if (isUniqueViolation(err))
        throw new DomainError('CONFLICT', {
          reason: 'CALENDAR_DATE_TAKEN',
          message: {
            zh: `${input.date} 已有覆盖记录，请先删除再录入`,
            en: `${input.date} already has an override; delete it first`,
          },
        });
      throw err;
    }
    const calendar = await rebuild();
    return { id, version: calendar.version };
  }

  async function remove(id: string, actor: Actor, at: number, requestId?: string) {
    await db.transaction().execute(async (tx) => {
      const row = await tx.selectFrom('calendar_overrides').selectAll().where('id', '=', id).executeTakeFirst();
      if (!row) throw new DomainError('NOT_FOUND', { reason: 'CALENDAR_OVERRIDE_NOT_FOUND' });
      await tx.deleteFrom('calendar_overrides').where('id', '=', id).execute();
      await appendAudit(
        tx,
        {
          actor,
          action: 'calendar_override.deleted',
          objectType: 'calendar_override',
          objectId: id,
          requestId,
          details: { date: row.date, kind: row.kind, name: row.name },
        },
        at,
      );
    });
    const calendar = await rebuild();
    return { version: calendar.version };
  }

  /** Declares (or withdraws) that a year's notice has been entered completely, so its dates stop being provisional. */
  async function setYearCovered(year: number, covered: boolean, actor: Actor, at: number, requestId?: string) {
    await db.transaction().execute(async (tx) => {
      const { overrideYears } = await readCalendarSources(tx);
      const next = [...new Set(covered ? [...overrideYears, year] : overrideYears.filter((y) => y !== year))].sort();
      await tx.deleteFrom('settings').where('key', '=', OVERRIDE_YEARS_KEY).execute();
      await tx
        .insertInto('settings')
        .values({ key: OVERRIDE_YEARS_KEY, value: JSON.stringify(next), updated_at: at })
        .execute();
      await appendAudit(
        tx,
        { actor, action: 'calendar.year_declared', objectType: 'calendar', requestId, details: { year, covered } },
        at,
      );
    });
    const calendar = await rebuild();
    return { version: calendar.version, coveredYears: calendar.coveredYears };
  }

  /** The days of a year that differ from Monday–Friday, for the admin's calendar view. */
  function year(y: number) {
    const cal = deps.holder.current();
    const days = [];
    for (let t = Date.UTC(y, 0, 1); t < Date.UTC(y + 1, 0, 1); t += 86_400_000) {
      const date = new Date(t).toISOString().slice(0, 10);
      const info = cal.dayInfo(date);
      if (info.kind === 'holiday' || info.kind === 'makeUpWorkday' || info.origin === 'override') days.push(info);
    }
    return {
      year: y,
      covered: cal.isYearCovered(y),
      version: cal.version,
      coveredYears: cal.coveredYears,
      days,
    };
  }

  return { list, add, remove, setYearCovered, year, rebuild };
}

export type CalendarAdmin = ReturnType<typeof createCalendarAdmin>;
