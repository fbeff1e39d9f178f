/**
 * One-off generator for `holidays.json`; NOT used at runtime (STACK.md: chinese-days is a devDependency only).
 *
 *   node --import tsx src/modules/calendar/data/generate.ts && npx biome check --write src/modules/calendar
 *
 * The day lists are taken from chinese-days' per-year JSON and regrouped by State Council notice (a notice for
 * year Y can move days of late December Y-1, e.g. the 2019 notice made 2018-12-29 a workday). The names are
 * normalised to the notices' wording and each year gets its source note from NOTICES below. Every year was then
 * read against the notice text by hand (see `checked` in each source). A year chinese-days does not have yet (the
 * next one) is added to the JSON by hand, or entered by an admin as overrides, never by waiting for an npm release;
 * after that this script would drop it, so do not re-run it blindly.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { HolidayDataFile, NoticeSource } from '../holiday-data.ts';

interface ChineseDaysYear {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

const FIRST_YEAR = 2018;
const LAST_YEAR = 2026;

/** Names as the notices write them, keyed by chinese-days' Chinese short name. */
const NAMES: Record<string, { zh: string; en: string }> = {
  元旦: { zh: '元旦', en: "New Year's Day" },
  春节: { zh: '春节', en: 'Spring Festival' },
  清明: { zh: '清明节', en: 'Qingming Festival' },
  劳动节: { zh: '劳动节', en: 'Labour Day' },
  端午: { zh: '端午节', en: 'Dragon Boat Festival' },
  中秋: { zh: '中秋节', en: 'Mid-Autumn Festival' },
  国庆节: { zh: '国庆节', en: 'National Day' },
};
const ORDER = ['元旦', '春节', '清明', '劳动节', '端午', '中秋', '国庆节'];

const handChecked = 'Every holiday and make-up workday compared by hand with the notice text (2026-11-29).';

/** One entry per notice year. Document numbers are given only where the text we checked carried one. */
const NOTICES: Record<number, NoticeSource> = {
  2018: {
    title: '国务院办公厅关于2018年部分节假日安排的通知',
    document: '国办发明电〔2017〕12号',
    issued: '2017-11-30',
    checked: handChecked,
  },
  2019: {
    title: '国务院办公厅关于2019年部分节假日安排的通知',
    document: '国办发明电〔2018〕15号',
    issued: '2018-12-04',
    amendments: [
      {
        title: '国务院办公厅关于调整2019年劳动节假期安排的通知',
        document: '国办发明电〔2019〕3号',
        issued: '2019-03-22',
        effect: 'Labour Day became 05-01..05-04; 04-28 (Sun) and 05-05 (Sun) became workdays.',
      },
    ],
    checked: handChecked,
  },
  2020: {
    title: '国务院办公厅关于2020年部分节假日安排的通知',
    document: '国办发明电〔2019〕16号',
    issued: '2019-11-21',
    amendments: [
      {
        title: '国务院办公厅关于延长2020年春节假期的通知',
        document: '国办发明电〔2020〕1号',
        issued: '2020-01-26',
        effect: 'Spring Festival extended to 02-02 (Sun); the 02-01 (Sat) make-up workday was dropped.',
      },
    ],
    checked: handChecked,
  },
  2021: {
    title: '国务院办公厅关于2021年部分节假日安排的通知',
    document: '国办发明电〔2020〕27号',
    issued: '2020-11-25',
    checked: handChecked,
  },
  2022: {
    title: '国务院办公厅关于2022年部分节假日安排的通知',
    document: '国办发明电〔2021〕11号',
    issued: '2021-10-25',
    checked: handChecked,
  },
  2023: {
    title: '国务院办公厅关于2023年部分节假日安排的通知',
    issued: '2022-12-08',
    checked: handChecked,
  },
  2024: {
    title: '国务院办公厅关于2024年部分节假日安排的通知',
    document: '国办发明电〔2023〕7号',
    issued: '2023-10-25',
    note: 'The notice only encourages (鼓励) a day off on 除夕 2024-02-09; it stays a working day.',
    checked: handChecked,
  },
  2025: {
    title: '国务院办公厅关于2025年部分节假日安排的通知',
    document: '国办发明电〔2024〕12号',
    issued: '2024-11-12',
    note: 'First year under the November 2024 revision of 《全国年节及纪念日放假办法》 (+1 day each for Spring Festival and Labour Day).',
    checked: handChecked,
  },
  2026: {
    title: '国务院办公厅关于2026年部分节假日安排的通知',
    issued: '2025-11-04',
    checked: handChecked,
  },
};

function readChineseDaysYear(year: number): ChineseDaysYear {
  const require = createRequire(import.meta.url);
  const root = dirname(require.resolve('chinese-days/package.json'));
  return JSON.parse(readFileSync(join(root, 'dist', 'years', `${year}.json`), 'utf8')) as ChineseDaysYear;
}

/** New Year's days in December belong to the next year's notice; everything else to the notice of its own year. */
function noticeYearOf(date: string, shortName: string): number {
  const year = Number(date.slice(0, 4));
  return shortName === '元旦' && date.slice(5, 7) === '12' ? year + 1 : year;
}

export function generate(): HolidayDataFile {
  type Group = { holidays: string[]; workdays: string[] };
  const byNotice = new Map<number, Map<string, Group>>();
  const pkg = JSON.parse(
    readFileSync(
      join(dirname(createRequire(import.meta.url).resolve('chinese-days/package.json')), 'package.json'),
      'utf8',
    ),
  ) as { version: string };

  for (let year = FIRST_YEAR - 1; year <= LAST_YEAR; year++) {
    const data = readChineseDaysYear(year);
    for (const [kind, table] of [
      ['holidays', data.holidays],
      ['workdays', data.workdays],
    ] as const) {
      for (const [date, label] of Object.entries(table)) {
        const shortName = label.split(',')[1];
        if (!NAMES[shortName]) throw new Error(`unknown holiday name ${label} on ${date}`);
        const notice = noticeYearOf(date, shortName);
        if (notice < FIRST_YEAR || notice > LAST_YEAR) continue;
        const festivals = byNotice.get(notice) ?? new Map<string, Group>();
        byNotice.set(notice, festivals);
        const group = festivals.get(shortName) ?? { holidays: [], workdays: [] };
        festivals.set(shortName, group);
        group[kind].push(date);
      }
    }
  }

  const years: HolidayDataFile['years'] = {};
  for (let year = FIRST_YEAR; year <= LAST_YEAR; year++) {
    const festivals = byNotice.get(year);
    if (!festivals) throw new Error(`chinese-days has no data for ${year}`);
    years[String(year)] = {
      source: { ...NOTICES[year], generatedFrom: `chinese-days ${pkg.version}` },
      festivals: ORDER.filter((n) => festivals.has(n)).map((n) => {
        const g = festivals.get(n)!;
        return { name: NAMES[n], holidays: g.holidays.sort(), workdays: g.workdays.sort() };
      }),
    };
  }
  return {
    description:
      'Chinese public holidays and make-up workdays (调休) per State Council notice year. Days not listed follow Monday–Friday. Maintained by PR; see src/modules/calendar/data/generate.ts.',
    years,
  };
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const target = join(dirname(fileURLToPath(import.meta.url)), 'holidays.json');
  writeFileSync(target, `${JSON.stringify(generate(), null, 2)}\n`);
  console.log(`wrote ${target}; now run npx biome check --write src/modules/calendar`);
}
