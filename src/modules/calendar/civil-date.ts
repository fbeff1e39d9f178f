import { DomainError } from '../../platform/errors.ts';

/**
 * Civil dates as 'YYYY-MM-DD' strings in Beijing time (R- convention §0.2: working days are "in Asia/Shanghai").
 *
 * China has used a fixed UTC+8 without daylight saving since 1991, so Beijing time is computed as
 * `instant + 8 h` read with the UTC getters. Nothing here reads the process time zone: chinese-days, which
 * uses local time, got 2026-10-01T00:30+08:00 wrong in a TZ=UTC process (STACK.md pitfall 9).
 * Arithmetic is done on a day number (days since 1970-01-01), which has no time zone at all.
 */
export type CivilDate = string;

const BEIJING_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

function invalid(value: unknown): DomainError {
  return new DomainError('VALIDATION_FAILED', {
    reason: 'INVALID_CIVIL_DATE',
    message: {
      zh: `日期格式无效，应为 YYYY-MM-DD：${String(value)}`,
      en: `Invalid date, expected YYYY-MM-DD: ${String(value)}`,
    },
  });
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** Year, month (1–12) and day of a valid civil date; throws VALIDATION_FAILED / INVALID_CIVIL_DATE otherwise. */
export function parseCivilDate(date: CivilDate): { year: number; month: number; day: number } {
  const m = typeof date === 'string' ? DATE_RE.exec(date) : null;
  if (!m) throw invalid(date);
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) throw invalid(date);
  return { year, month, day };
}

export function isCivilDate(value: unknown): value is CivilDate {
  if (typeof value !== 'string') return false;
  try {
    parseCivilDate(value);
    return true;
  } catch {
    return false;
  }
}

export function formatCivilDate(year: number, month: number, day: number): CivilDate {
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/** Days since 1970-01-01 (negative before). */
export function toDayNumber(date: CivilDate): number {
  const { year, month, day } = parseCivilDate(date);
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

export function fromDayNumber(dayNumber: number): CivilDate {
  const d = new Date(dayNumber * DAY_MS);
  return formatCivilDate(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate());
}

function checkInstant(instant: Date): number {
  const ms = instant instanceof Date ? instant.getTime() : Number.NaN;
  if (Number.isNaN(ms)) throw invalid(instant);
  return ms;
}

/** The Beijing calendar date of an instant. */
export function beijingDate(instant: Date): CivilDate {
  const b = new Date(checkInstant(instant) + BEIJING_OFFSET_MS);
  return formatCivilDate(b.getUTCFullYear(), b.getUTCMonth() + 1, b.getUTCDate());
}

export interface BeijingDateTime {
  date: CivilDate;
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 0 = Sunday … 6 = Saturday, like `Date#getDay`. */
  dayOfWeek: number;
  /** Minutes since Beijing midnight, for cut-offs such as "before 16:00" (R-MAT-028): `minuteOfDay < 16 * 60`. */
  minuteOfDay: number;
}

/** The Beijing wall-clock reading of an instant. */
export function beijingDateTime(instant: Date): BeijingDateTime {
  const b = new Date(checkInstant(instant) + BEIJING_OFFSET_MS);
  const hour = b.getUTCHours();
  const minute = b.getUTCMinutes();
  return {
    date: formatCivilDate(b.getUTCFullYear(), b.getUTCMonth() + 1, b.getUTCDate()),
    year: b.getUTCFullYear(),
    month: b.getUTCMonth() + 1,
    day: b.getUTCDate(),
    hour,
    minute,
    second: b.getUTCSeconds(),
    dayOfWeek: b.getUTCDay(),
    minuteOfDay: hour * 60 + minute,
  };
}

/** The instant 00:00 Beijing time on `date` (16:00 UTC of the previous day). */
export function startOfBeijingDay(date: CivilDate): Date {
  return new Date(toDayNumber(date) * DAY_MS - BEIJING_OFFSET_MS);
}

/** The instant of a Beijing wall-clock time on `date`, e.g. the 16:00 dispatch of R-MAT-028. */
export function beijingInstant(date: CivilDate, hour: number, minute = 0): Date {
  if (!Number.isInteger(hour) || !Number.isInteger(minute) || hour < 0 || hour > 23 || minute < 0 || minute > 59) {
    throw invalid(`${date} ${hour}:${minute}`);
  }
  return new Date(startOfBeijingDay(date).getTime() + (hour * 60 + minute) * 60_000);
}

export function addCalendarDays(date: CivilDate, days: number): CivilDate {
  if (!Number.isInteger(days)) throw new RangeError(`days must be an integer, got ${days}`);
  return fromDayNumber(toDayNumber(date) + days);
}

/** Signed number of calendar days from `a` to `b` (b − a). */
export function calendarDaysBetween(a: CivilDate, b: CivilDate): number {
  return toDayNumber(b) - toDayNumber(a);
}

/**
 * Calendar months (§0.2 "Month"): 2018-10-15 + 3 months = 2019-01-15.
 * When the target month is shorter, the result is clamped to its last day (2019-01-31 + 1 month = 2019-02-28,
 * 2020-01-31 + 1 = 2020-02-29): a service bought for a month must not end in the month after. The clamp is not
 * reversible (2019-02-28 − 1 month = 2019-01-28), and adding 1 month twice can differ from adding 2 at once.
 */
export function addMonths(date: CivilDate, months: number): CivilDate {
  if (!Number.isInteger(months)) throw new RangeError(`months must be an integer, got ${months}`);
  const { year, month, day } = parseCivilDate(date);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  return formatCivilDate(y, m, Math.min(day, daysInMonth(y, m)));
}

/** -1, 0 or 1, for `Array#sort`. Validates both sides, so a malformed string never compares "correctly" by accident. */
export function compareDates(a: CivilDate, b: CivilDate): -1 | 0 | 1 {
  const d = toDayNumber(a) - toDayNumber(b);
  return d < 0 ? -1 : d > 0 ? 1 : 0;
}

/** 0 = Sunday … 6 = Saturday, like `Date#getDay`. */
export function dayOfWeek(date: CivilDate): number {
  // 1970-01-01 was a Thursday (4).
  return (((toDayNumber(date) + 4) % 7) + 7) % 7;
}

export function isWeekend(date: CivilDate): boolean {
  const d = dayOfWeek(date);
  return d === 0 || d === 6;
}

export function yearOf(date: CivilDate): number {
  return parseCivilDate(date).year;
}
