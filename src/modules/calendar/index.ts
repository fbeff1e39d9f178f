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
