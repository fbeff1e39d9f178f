import { DomainError } from '../../platform/errors.ts';
import type { LocalizedText } from '../../platform/i18n.ts';
import { parseCivilDate } from './civil-date.ts';

/** Where a year's schedule comes from: a State Council notice (国务院办公厅关于…部分节假日安排的通知). */
export interface NoticeSource {
  title: string;
  /** e.g. 国办发明电〔2024〕12号; absent when the text we checked did not carry it. */
  document?: string;
  /** Date the notice was signed. */
  issued: string;
  url?: string;
  /** Later notices that changed this year's schedule (2019 Labour Day, 2020 Spring Festival extension). */
  amendments?: { title: string; document?: string; issued: string; effect: string }[];
  note?: string;
  checked?: string;
  generatedFrom?: string;
}

/** One holiday of a notice: its days off (including the weekend days inside the break) and make-up workdays. */
export interface Festival {
  name: LocalizedText;
  holidays: string[];
  workdays: string[];
}

export interface NoticeYear {
  source: NoticeSource;
  festivals: Festival[];
}

/**
 * Keyed by the notice's year. A notice may list days of the previous December (the 2019 notice made
 * 2018-12-29 a workday and 2018-12-30/31 days off), so a day is not always under its own year's key.
 */
export interface HolidayDataFile {
  description?: string;
  years: Record<string, NoticeYear>;
}

function bad(why: string): DomainError {
  return new DomainError('VALIDATION_FAILED', {
    reason: 'INVALID_HOLIDAY_DATA',
    message: { zh: `节假日数据无效：${why}`, en: `Invalid holiday data: ${why}` },
  });
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function dateList(v: unknown, where: string, noticeYear: number): string[] {
  if (!Array.isArray(v)) throw bad(`${where} is not a list`);
  return v.map((d) => {
    if (typeof d !== 'string') throw bad(`${where} holds a non-string`);
    const { year, month } = parseCivilDate(d);
    // A notice reaches back at most into the last days of the previous year (元旦).
    if (!(year === noticeYear || (year === noticeYear - 1 && month === 12))) {
      throw bad(`${where}: ${d} is outside the ${noticeYear} notice`);
    }
    return d;
  });
}

function optionalString(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function noticeSource(src: Record<string, unknown>): NoticeSource {
  const amendments = Array.isArray(src.amendments)
    ? src.amendments.filter(isRecord).map((a) => ({
        title: String(a.title),
        document: optionalString(a.document),
        issued: String(a.issued),
        effect: String(a.effect),
      }))
    : undefined;
  return {
    title: String(src.title),
    document: optionalString(src.document),
    issued: String(src.issued),
    url: optionalString(src.url),
    amendments,
    note: optionalString(src.note),
    checked: optionalString(src.checked),
    generatedFrom: optionalString(src.generatedFrom),
  };
}

/**
 * Checks a holiday data file (vendored JSON, or one an admin uploads) and returns it typed. Rejects malformed
 * dates, days outside the notice's reach, and a day listed both as a day off and as a workday.
 */
export function parseHolidayData(input: unknown): HolidayDataFile {
  if (!isRecord(input) || !isRecord(input.years)) throw bad('missing "years"');
  const years: Record<string, NoticeYear> = {};
  const seen = new Map<string, string>();
  for (const [key, value] of Object.entries(input.years)) {
    const noticeYear = Number(key);
    if (!/^\d{4}$/.test(key)) throw bad(`year key ${key}`);
    if (!isRecord(value) || !isRecord(value.source) || !Array.isArray(value.festivals)) throw bad(`year ${key}`);
    const src = value.source;
    if (typeof src.title !== 'string' || typeof src.issued !== 'string')
      throw bad(`year ${key}: source needs title and issued`);
    const festivals = value.festivals.map((f, i): Festival => {
      const where = `${key} festival ${i}`;
      if (!isRecord(f) || !isRecord(f.name) || typeof f.name.zh !== 'string' || typeof f.name.en !== 'string') {
        throw bad(`${where}: name needs zh and en`);
      }
      const festival = {
        name: { zh: f.name.zh, en: f.name.en },
        holidays: dateList(f.holidays, `${where} holidays`, noticeYear),
        workdays: dateList(f.workdays, `${where} workdays`, noticeYear),
      };
      for (const [kind, list] of [
        ['holiday', festival.holidays],
        ['workday', festival.workdays],
      ] as const) {
        for (const d of list) {
          const before = seen.get(d);
          if (before && before !== kind) throw bad(`${d} is both a holiday and a workday`);
          seen.set(d, kind);
        }
      }
      return festival;
    });
    years[key] = { source: noticeSource(src), festivals };
  }
  return { description: typeof input.description === 'string' ? input.description : undefined, years };
}
