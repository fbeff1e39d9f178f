/**
 * Beijing-time civil dates and Chinese working days (§0.2). Browser-safe: no node: imports at runtime.
 *
 * Adding next year's schedule when the State Council publishes it (usually Oct–Dec):
 *  - at once: an admin enters its days as overrides and declares the year (`overrideYears`), or
 *  - by PR: add the year to data/holidays.json with its `source`; work-calendar.test.ts cross-checks it against
 *    chinese-days once that package has the year.
 * Deadlines computed while a year was missing are `provisional`; recompute timers whose stored
 * `calendarVersion` differs from the current `WorkCalendar#version`.
 */
export {
  addCalendarDays,
  addMonths,
  type BeijingDateTime,
  beijingDate,
  beijingDateTime,
  beijingInstant,
  type CivilDate,
  calendarDaysBetween,
  compareDates,
  dayOfWeek,
  formatCivilDate,
  isCivilDate,
  isWeekend,
  parseCivilDate,
  startOfBeijingDay,
  yearOf,
} from './civil-date.ts';
export {
  type Festival,
  type HolidayDataFile,
  type NoticeSource,
  type NoticeYear,
  parseHolidayData,
} from './holiday-data.ts';
export { createWorkCalendar, vendoredHolidayData } from './vendored.ts';
export {
  type CalendarOverride,
  type DayInfo,
  type DayKind,
  WorkCalendar,
  type WorkCalendarOptions,
  type WorkingDayResult,
} from './work-calendar.ts';
