import type { CalendarData } from './context.ts';

/**
 * Civil-date arithmetic on 'YYYY-MM-DD' strings. Dates are handled as UTC midnights so that the host's time zone
 * never shifts a day (STACK.md pitfall 9); "today" is always computed in Beijing (UTC+8, no DST).
 */

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function parseCivilDate(s: string): { y: number; m: number; d: number } | null {
  const m = DATE_RE.exec(s);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return null;
  return { y, m: mo, d };
}

export function isCivilDate(s: string): boolean {
  return parseCivilDate(s) !== null;
}

export function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

function fmt(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function toUtc(s: string): Date {
  const p = parseCivilDate(s);
  if (!p) throw new RangeError(`not a civil date: ${s}`);
  return new Date(Date.UTC(p.y, p.m - 1, p.d));
}

function fromUtc(d: Date): string {
  return fmt(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

export function addDays(date: string, days: number): string {
  const d = toUtc(date);
  d.setUTCDate(d.getUTCDate() + days);
  return fromUtc(d);
}

/** Calendar months, clamped to the month's end (2018-11-30 + 3 months = 2019-02-28), per §0.2 "Month". */
export function addMonths(date: string, months: number): string {
  const p = parseCivilDate(date);
  if (!p) throw new RangeError(`not a civil date: ${date}`);
  const total = p.y * 12 + (p.m - 1) + months;
  const y = Math.floor(total / 12);
  const m = (total % 12) + 1;
  return fmt(y, m, Math.min(p.d, daysInMonth(y, m)));
}

export function addYears(date: string, years: number): string {
  return addMonths(date, years * 12);
}

/** Whole years between a birth date and a day (the age on that day). */
export function ageOn(birthDate: string, day: string): number {
  const b = parseCivilDate(birthDate);
  const t = parseCivilDate(day);
  if (!b || !t) return Number.NaN;
  let age = t.y - b.y;
  if (t.m < b.m || (t.m === b.m && t.d < b.d)) age -= 1;
  return age;
}

/** The civil date in Beijing for an instant. */
export function beijingDate(instant: Date): string {
  return fromUtc(new Date(instant.getTime() + 8 * 3_600_000));
}

/** Monday–Friday, minus configured holidays, plus make-up workdays (§0.2). */
export function isWorkingDay(date: string, calendar?: CalendarData): boolean {
  if (calendar?.makeupWorkdays.includes(date)) return true;
  if (calendar?.holidays.includes(date)) return false;
  const dow = toUtc(date).getUTCDay();
  return dow !== 0 && dow !== 6;
}

const NO_CALENDAR: CalendarData = { holidays: [], makeupWorkdays: [] };
const workingDayMemo = new WeakMap<CalendarData, Map<string, string>>();

/** The n-th working day after `date` (day 1 is the next working day, §0.2). Memoised per calendar object. */
export function addWorkingDays(date: string, n: number, calendar?: CalendarData): string {
  const cal = calendar ?? NO_CALENDAR;
  let memo = workingDayMemo.get(cal);
  if (!memo) {
    memo = new Map();
    workingDayMemo.set(cal, memo);
  }
  const key = `${date}|${n}`;
  const hit = memo.get(key);
  if (hit) return hit;
  const out = addWorkingDaysUncached(date, n, calendar);
  if (memo.size > 5000) memo.clear();
  memo.set(key, out);
  return out;
}

function addWorkingDaysUncached(date: string, n: number, calendar?: CalendarData): string {
  let d = date;
  let left = n;
  while (left > 0) {
    d = addDays(d, 1);
    if (isWorkingDay(d, calendar)) left -= 1;
  }
  return d;
}
