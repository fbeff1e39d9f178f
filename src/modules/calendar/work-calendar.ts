import { DomainError } from '../../platform/errors.ts';
import type { LocalizedText } from '../../platform/i18n.ts';
import { beijingDate, type CivilDate, fromDayNumber, isWeekend, parseCivilDate, toDayNumber } from './civil-date.ts';
import type { HolidayDataFile } from './holiday-data.ts';

/**
 * An admin correction entered in the back office (a mid-year change by the State Council, or next year's notice
 * before the vendored data has it). Overrides win over the vendored data.
 */
export interface CalendarOverride {
  date: CivilDate;
  kind: 'holiday' | 'workday';
  name?: LocalizedText | string;
  /** Where the admin took it from, e.g. the notice's URL. */
  source?: string;
}

export interface WorkCalendarOptions {
  overrides?: readonly CalendarOverride[];
  /**
   * Years whose complete notice an admin has entered as overrides. They then count as covered, so their dates
   * stop being provisional. A single override does not make its year covered.
   */
  overrideYears?: readonly number[];
}

export type DayKind = 'workday' | 'weekend' | 'holiday' | 'makeUpWorkday';

export interface DayInfo {
  date: CivilDate;
  working: boolean;
  /** `holiday` = a listed day off (weekend days inside a break included); `makeUpWorkday` = 调休 workday. */
  kind: DayKind;
  name?: LocalizedText;
  origin: 'notice' | 'override' | 'weekday-rule';
  /** See `WorkCalendar#isProvisional`. */
  provisional: boolean;
  /** The notice year or override source the day comes from. */
  source?: string;
}

export interface WorkingDayResult {
  date: CivilDate;
  /** True when any day counted on the way lies where the calendar has no data yet (Mon–Fri was assumed). */
  provisional: boolean;
  /** The `WorkCalendar#version` that computed it; a timer stores it and is recomputed when the version changes. */
  calendarVersion: string;
}

interface Entry {
  working: boolean;
  name?: LocalizedText;
  origin: 'notice' | 'override';
  source?: string;
}

/**
 * The State Council publishes the schedule for year Y+1 around Oct–Dec of Y, and a New Year's break of Y+1 can
 * reach back to 12-29 of Y (the 2019 notice made 2018-12-29 a workday and 12-30/31 days off). So until Y+1's
 * notice is known, the last days of December Y are provisional too. 12-26 leaves margin beyond any case so far.
 */
const DECEMBER_SPILLOVER_FROM_DAY = 26;

/** Beyond ~27 years of walking we assume a caller bug (a loop that never finds enough working days). */
const MAX_WALK_DAYS = 10_000;

function overrideName(name: CalendarOverride['name']): LocalizedText | undefined {
  if (name === undefined) return undefined;
  return typeof name === 'string' ? { zh: name, en: name } : name;
}

/** FNV-1a, 64-bit. Sync and dependency-free, so the calendar also runs in the browser (no node:crypto). */
function fnv1a64(text: string): string {
  let h = 0xcbf29ce484222325n;
  const bytes = new TextEncoder().encode(text);
  for (const b of bytes) {
    h ^= BigInt(b);
    h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return h.toString(16).padStart(16, '0');
}

function checkCount(n: number): void {
  if (!Number.isInteger(n)) throw new RangeError(`a number of working days must be an integer, got ${n}`);
}

/**
 * Working days (§0.2): Monday–Friday in Asia/Shanghai, minus public holidays, plus make-up workdays (调休), from
 * the vendored notices and admin overrides. Dates are 'YYYY-MM-DD' Beijing civil dates (see civil-date.ts).
 * Immutable: when overrides change, build a new calendar; its `version` changes with the working-day pattern.
 */
export class WorkCalendar {
  /** Hash of the working/non-working pattern and the covered years. Names and sources do not change it. */
  readonly version: string;
  /** Years with a notice (vendored or declared via `overrideYears`), ascending. */
  readonly coveredYears: readonly number[];

  private readonly entries = new Map<CivilDate, Entry>();
  private readonly covered: ReadonlySet<number>;

  constructor(data: HolidayDataFile, options: WorkCalendarOptions = {}) {
    for (const [year, notice] of Object.entries(data.years)) {
      for (const festival of notice.festivals) {
        for (const date of festival.holidays) {
          this.entries.set(date, { working: false, name: festival.name, origin: 'notice', source: year });
        }
        for (const date of festival.workdays) {
          this.entries.set(date, { working: true, name: festival.name, origin: 'notice', source: year });
        }
      }
    }
    // Later overrides for the same date win over earlier ones (the admin table should keep one row per date).
    for (const o of options.overrides ?? []) {
      parseCivilDate(o.date);
      if (o.kind !== 'holiday' && o.kind !== 'workday') {
        throw new DomainError('VALIDATION_FAILED', {
          reason: 'INVALID_CALENDAR_OVERRIDE',
          message: {
            zh: `日历覆盖类型无效：${String(o.kind)}`,
            en: `Invalid calendar override kind: ${String(o.kind)}`,
          },
        });
      }
      this.entries.set(o.date, {
        working: o.kind === 'workday',
        name: overrideName(o.name),
        origin: 'override',
        source: o.source,
      });
    }
    for (const y of options.overrideYears ?? []) {
      if (!Number.isInteger(y)) throw new RangeError(`override year must be an integer, got ${y}`);
    }
    const years = new Set([...Object.keys(data.years).map(Number), ...(options.overrideYears ?? [])]);
    this.covered = years;
    this.coveredYears = [...years].sort((a, b) => a - b);

    // Only entries that differ from the weekday rule change any computation; hashing just those keeps the
    // version stable when, say, a holiday's English name is corrected.
    const effective = [...this.entries]
      .filter(([date, e]) => e.working === isWeekend(date))
      .map(([date, e]) => `${date}${e.working ? 'W' : 'H'}`)
      .sort();
    this.version = `wc1-${fnv1a64(`${this.coveredYears.join(',')}|${effective.join(',')}`)}`;
  }

  /**
   * The last year Y such that every year from the first covered one up to Y has data: the
   * `workcal_covered_until_year` metric. `null` when nothing is covered.
   */
  get coveredUntilYear(): number | null {
    const first = this.coveredYears[0];
    if (first === undefined) return null;
    let y = first;
    while (this.covered.has(y + 1)) y++;
    return y;
  }

  isYearCovered(year: number): boolean {
    return this.covered.has(year);
  }

  isWorkingDay(date: CivilDate): boolean {
    const e = this.entries.get(date);
    if (e) return e.working;
    return !isWeekend(date);
  }

  /**
   * True when the day's status is a guess: its year has no notice yet and no override names this day, or it is in
   * the last days of December before next year's notice (which may move those days). Such a day was computed
   * Monday–Friday (STACK.md: a deadline in an uncovered year is provisional and recomputed when the data arrives).
   */
  isProvisional(date: CivilDate): boolean {
    const e = this.entries.get(date);
    if (e?.origin === 'override') return false;
    const { year, month, day } = parseCivilDate(date);
    if (!this.covered.has(year)) return true;
    return month === 12 && day >= DECEMBER_SPILLOVER_FROM_DAY && !this.covered.has(year + 1);
  }

  dayInfo(date: CivilDate): DayInfo {
    const e = this.entries.get(date);
    const weekend = isWeekend(date);
    const provisional = this.isProvisional(date);
    if (!e) {
      return { date, working: !weekend, kind: weekend ? 'weekend' : 'workday', origin: 'weekday-rule', provisional };
    }
    const kind: DayKind = e.working ? (weekend ? 'makeUpWorkday' : 'workday') : 'holiday';
    return { date, working: e.working, kind, name: e.name, origin: e.origin, provisional, source: e.source };
  }

  /**
   * "N working days from event E" (§0.2; R-ORD-017, R-ORD-021, R-ORD-022, R-WEB-010, R-CHG-012):
   * day 1 is the first working day strictly after E's date — the NEXT working day when E happens on a working
   * day, and the first working day after it when E happens on a weekend or holiday. So the result is the n-th
   * working day after `date`: Friday + 1 = Monday, Saturday + 1 = Monday, and a make-up Saturday counts.
   * n = 0 returns `date` itself. A negative n counts backwards: the |n|-th working day strictly before `date`
   * ("60 working days before expiry", R-EXT-011).
   */
  addWorkingDays(date: CivilDate, n: number): CivilDate {
    return this.walk(date, n).date;
  }

  addWorkingDaysDetailed(date: CivilDate, n: number): WorkingDayResult {
    const { date: result, provisional } = this.walk(date, n);
    return { date: result, provisional, calendarVersion: this.version };
  }

  /**
   * Signed working-day distance, the inverse of `addWorkingDays`:
   * `workingDaysBetween(d, addWorkingDays(d, n)) === n` for every n.
   * For b ≥ a it counts the working days in (a, b]; for b < a it is minus the working days in [b, a).
   */
  workingDaysBetween(a: CivilDate, b: CivilDate): number {
    const from = toDayNumber(a);
    const to = toDayNumber(b);
    let count = 0;
    if (to >= from) {
      for (let d = from + 1; d <= to; d++) if (this.isWorkingDay(fromDayNumber(d))) count++;
      return count;
    }
    for (let d = to; d < from; d++) if (this.isWorkingDay(fromDayNumber(d))) count++;
    return -count;
  }

  /** The first working day strictly after `date`. */
  nextWorkingDay(date: CivilDate): CivilDate {
    return this.addWorkingDays(date, 1);
  }

  /** The last working day strictly before `date`. */
  previousWorkingDay(date: CivilDate): CivilDate {
    return this.addWorkingDays(date, -1);
  }

  /** `date` if it is a working day, otherwise the next one (R-MAT-028: a weekend request goes out next working day). */
  workingDayOnOrAfter(date: CivilDate): CivilDate {
    return this.isWorkingDay(date) ? date : this.nextWorkingDay(date);
  }

  /**
   * A warning for the admin and the startup log from 1 November of year Y when the notice for Y+1 is missing
   * (the State Council usually publishes it in Oct–Dec), or at any time when the current year itself is missing.
   * `null` when nothing is missing.
   */
  missingNextYearWarning(today: CivilDate | Date): LocalizedText | null {
    const date = today instanceof Date ? beijingDate(today) : today;
    const { year, month } = parseCivilDate(date);
    if (!this.covered.has(year)) {
      return {
        zh: `工作日历缺少 ${year} 年（本年）的节假日安排，工作日期限按周一至周五临时计算。请在后台录入国务院办公厅关于${year}年部分节假日安排的通知。`,
        en: `The working-day calendar has no holiday schedule for ${year} (this year); deadlines are provisional, computed Monday–Friday. Enter the State Council notice for ${year} in the back office.`,
      };
    }
    if (month >= 11 && !this.covered.has(year + 1)) {
      const next = year + 1;
      return {
        zh: `工作日历尚无 ${next} 年的节假日安排，落在 ${next} 年的期限将按周一至周五临时计算。国务院办公厅发布通知后，请在后台录入或更新数据。`,
        en: `The working-day calendar has no holiday schedule for ${next} yet; deadlines falling in ${next} are provisional, computed Monday–Friday. Enter the State Council notice in the back office once it is published.`,
      };
    }
    return null;
  }

  private walk(date: CivilDate, n: number): { date: CivilDate; provisional: boolean } {
    checkCount(n);
    const start = toDayNumber(date);
    if (n === 0) return { date, provisional: false };
    const step = n > 0 ? 1 : -1;
    let remaining = Math.abs(n);
    let provisional = false;
    let d = start;
    while (remaining > 0) {
      d += step;
      if (Math.abs(d - start) > MAX_WALK_DAYS)
        throw new RangeError(`no ${n} working days within ${MAX_WALK_DAYS} days of ${date}`);
      const day = fromDayNumber(d);
      // Any guessed day on the way may shift the result, whether it was counted or skipped.
      if (this.isProvisional(day)) provisional = true;
      if (this.isWorkingDay(day)) remaining--;
    }
    return { date: fromDayNumber(d), provisional };
  }
}
