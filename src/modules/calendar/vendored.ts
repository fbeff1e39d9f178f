import holidays from './data/holidays.json' with { type: 'json' };
import { type HolidayDataFile, parseHolidayData } from './holiday-data.ts';
import { WorkCalendar, type WorkCalendarOptions } from './work-calendar.ts';

/** The vendored notices (data/holidays.json), checked once at load so a bad edit fails at startup, not mid-timer. */
export const vendoredHolidayData: HolidayDataFile = parseHolidayData(holidays);

/** A calendar over the vendored notices plus the admin overrides (from the lead's override table). */
export function createWorkCalendar(options: WorkCalendarOptions = {}): WorkCalendar {
  return new WorkCalendar(vendoredHolidayData, options);
}
