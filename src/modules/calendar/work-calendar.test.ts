import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import chineseDays from 'chinese-days';
import { DomainError } from '../../platform/errors.ts';
import { addCalendarDays, beijingDate, dayOfWeek } from './civil-date.ts';
import { parseHolidayData } from './holiday-data.ts';
import { createWorkCalendar, vendoredHolidayData } from './vendored.ts';
import { WorkCalendar } from './work-calendar.ts';

const cal = createWorkCalendar();

function datesOfYear(year: number): string[] {
  const out: string[] = [];
  for (let d = `${year}-01-01`; d.startsWith(String(year)); d = addCalendarDays(d, 1)) out.push(d);
  return out;
}

function festival(year: number, zh: string) {
  const f = vendoredHolidayData.years[String(year)]?.festivals.find((x) => x.name.zh === zh);
  assert.ok(f, `${year} ${zh} missing`);
  return f;
}

describe('vendored holiday data', () => {
  test('covers 2018 through 2026, each year with a State Council notice as source', () => {
    assert.deepEqual(cal.coveredYears, [2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026]);
    assert.equal(cal.coveredUntilYear, 2026);
    for (const [year, notice] of Object.entries(vendoredHolidayData.years)) {
      assert.match(notice.source.title, new RegExp(`^国务院办公厅关于${year}年部分节假日安排的通知$`));
      assert.match(notice.source.issued, /^\d{4}-\d{2}-\d{2}$/);
      for (const f of notice.festivals) assert.ok(f.name.zh && f.name.en);
    }
  });

  test('cross-check: isWorkingDay agrees with chinese-days isWorkday on every date 2018–2026', () => {
    let checked = 0;
    const disagreements: string[] = [];
    for (let year = 2018; year <= 2026; year++) {
      for (const date of datesOfYear(year)) {
        checked++;
        if (cal.isWorkingDay(date) !== chineseDays.isWorkday(date)) disagreements.push(date);
        // The vendored year covers the date, so nothing in 2018–2025 (or 2026 before the December margin) is a guess.
        if (year < 2026) assert.equal(cal.isProvisional(date), false, date);
      }
    }
    assert.equal(checked, 3287);
    assert.deepEqual(disagreements, []);
  });

  test('Spring Festival and National Day 2024–2026 match the notices, written out by hand', () => {
    const range = (from: string, days: number) => Array.from({ length: days }, (_, i) => addCalendarDays(from, i));
    // 2024 (国办发明电〔2023〕7号): 春节 2月10日至17日, 2月4日（星期日）、2月18日（星期日）上班; 国庆 10月1日至7日, 9月29日、10月12日上班.
    assert.deepEqual(festival(2024, '春节').holidays, range('2024-02-10', 8));
    assert.deepEqual(festival(2024, '春节').workdays, ['2024-02-04', '2024-02-18']);
    assert.deepEqual(festival(2024, '国庆节').holidays, range('2024-10-01', 7));
    assert.deepEqual(festival(2024, '国庆节').workdays, ['2024-09-29', '2024-10-12']);
    // 2025 (国办发明电〔2024〕12号): 春节 1月28日至2月4日, 1月26日（周日）、2月8日（周六）上班;
    // 国庆节、中秋节 10月1日至8日 (10-06 is 中秋 itself), 9月28日（周日）、10月11日（周六）上班.
    assert.deepEqual(festival(2025, '春节').holidays, range('2025-01-28', 8));
    assert.deepEqual(festival(2025, '春节').workdays, ['2025-01-26', '2025-02-08']);
    assert.deepEqual(
      [...festival(2025, '国庆节').holidays, ...festival(2025, '中秋节').holidays].sort(),
      range('2025-10-01', 8),
    );
    assert.deepEqual(festival(2025, '国庆节').workdays, ['2025-09-28', '2025-10-11']);
    // 2026 (issued 2025-11-04): 春节 2月15日至23日, 2月14日（周六）、2月28日（周六）上班; 国庆 10月1日至7日, 9月20日（周日）、10月10日（周六）上班.
    assert.deepEqual(festival(2026, '春节').holidays, range('2026-02-15', 9));
    assert.deepEqual(festival(2026, '春节').workdays, ['2026-02-14', '2026-02-28']);
    assert.deepEqual(festival(2026, '国庆节').holidays, range('2026-10-01', 7));
    assert.deepEqual(festival(2026, '国庆节').workdays, ['2026-09-20', '2026-10-10']);
  });

  test('make-up workdays of every year, from the notices (2019 and 2020 as amended)', () => {
    const expected: Record<number, string[]> = {
      2018: ['02-11', '02-24', '04-08', '04-28', '09-29', '09-30'],
      2019: ['2018-12-29', '02-02', '02-03', '04-28', '05-05', '09-29', '10-12'],
      2020: ['01-19', '04-26', '05-09', '06-28', '09-27', '10-10'],
      2021: ['02-07', '02-20', '04-25', '05-08', '09-18', '09-26', '10-09'],
      2022: ['01-29', '01-30', '04-02', '04-24', '05-07', '10-08', '10-09'],
      2023: ['01-28', '01-29', '04-23', '05-06', '06-25', '10-07', '10-08'],
      2024: ['02-04', '02-18', '04-07', '04-28', '05-11', '09-14', '09-29', '10-12'],
      2025: ['01-26', '02-08', '04-27', '09-28', '10-11'],
      2026: ['01-04', '02-14', '02-28', '05-09', '09-20', '10-10'],
    };
    for (const [year, days] of Object.entries(expected)) {
      const actual = vendoredHolidayData.years[year].festivals.flatMap((f) => f.workdays).sort();
      assert.deepEqual(actual, days.map((d) => (d.length === 5 ? `${year}-${d}` : d)).sort(), year);
      for (const d of actual) assert.equal(cal.dayInfo(d).kind, 'makeUpWorkday', d);
    }
  });

  test('special cases: 2024 除夕 stays a working day, the 2020 Spring Festival extension, 2019 New Year in December 2018', () => {
    assert.equal(cal.isWorkingDay('2024-02-09'), true);
    assert.equal(cal.isWorkingDay('2020-01-31'), false);
    assert.equal(cal.isWorkingDay('2020-02-01'), false);
    assert.equal(cal.isWorkingDay('2020-02-03'), true);
    assert.equal(cal.isWorkingDay('2018-12-29'), true);
    assert.equal(cal.isWorkingDay('2018-12-31'), false);
    assert.deepEqual(cal.dayInfo('2018-12-31'), {
      date: '2018-12-31',
      working: false,
      kind: 'holiday',
      name: { zh: '元旦', en: "New Year's Day" },
      origin: 'notice',
      provisional: false,
      source: '2019',
    });
  });
});

describe('working-day arithmetic (§0.2 convention)', () => {
  test('R-ORD-017: event on Friday, +1 working day = Monday', () => {
    assert.equal(dayOfWeek('2026-11-27'), 5);
    assert.equal(cal.addWorkingDays('2026-11-27', 1), '2026-11-30');
    assert.equal(cal.nextWorkingDay('2026-11-27'), '2026-11-30');
  });

  test('R-ORD-017: event on Saturday or Sunday, +1 working day = Monday', () => {
    assert.equal(cal.addWorkingDays('2026-11-28', 1), '2026-11-30');
    assert.equal(cal.addWorkingDays('2026-11-29', 1), '2026-11-30');
    assert.equal(cal.addWorkingDays('2026-11-30', 1), '2026-12-01');
  });

  test('R-ORD-021: a make-up Saturday counts as a working day, both as day 1 and as the event day', () => {
    // Friday 2026-02-13 → Saturday 2026-02-14 is 调休 for Spring Festival.
    assert.equal(cal.addWorkingDays('2026-02-13', 1), '2026-02-14');
    assert.equal(cal.addWorkingDays('2026-02-14', 1), '2026-02-24');
    // Friday 2025-09-26 → Sunday 2025-09-28 is 调休 for National Day.
    assert.equal(cal.addWorkingDays('2025-09-26', 1), '2025-09-28');
  });

  test('R-WEB-010: domain verified Friday 2018-11-02 → 3rd working day Wed 2018-11-07, visible Thu 2018-11-08', () => {
    const third = cal.addWorkingDays('2018-11-02', 3);
    assert.equal(third, '2018-11-07');
    assert.equal(addCalendarDays(third, 1), '2018-11-08');
  });

  test('R-ORD-017 R-ORD-022: across Spring Festival 2025', () => {
    // 1 WD from Friday 2025-01-24: Sat 01-25 off, Sun 01-26 调休 → 01-26.
    assert.equal(cal.addWorkingDays('2025-01-24', 1), '2025-01-26');
    // Submitted Monday 01-27, the last working day before the break (01-28..02-04): review due Wed 02-05.
    assert.equal(cal.addWorkingDays('2025-01-27', 1), '2025-02-05');
    assert.equal(cal.addWorkingDays('2025-01-24', 7), '2025-02-10');
    // 20 WD from Monday 2025-01-20: 01-21..24 (4), 01-26 (5), 01-27 (6), 02-05..07 (9), 02-08 Sat (10),
    // 02-10..14 (15), 02-17..21 (20).
    assert.equal(cal.addWorkingDays('2025-01-20', 20), '2025-02-21');
    assert.equal(cal.workingDaysBetween('2025-01-20', '2025-02-21'), 20);
  });

  test('R-ORD-017 R-ORD-022: across Spring Festival 2026', () => {
    // Break 02-15..02-23, 调休 Sat 02-14 and Sat 02-28.
    assert.equal(cal.addWorkingDays('2026-02-13', 2), '2026-02-24');
    assert.equal(cal.addWorkingDays('2026-02-15', 1), '2026-02-24');
    assert.equal(cal.addWorkingDays('2026-02-13', 6), '2026-02-28');
    assert.equal(cal.addWorkingDays('2026-02-13', 7), '2026-03-02');
    // 20 WD from Monday 2026-02-09: 02-10..13 (4), 02-14 (5), 02-24..27 (9), 02-28 (10), 03-02..06 (15), 03-09..13 (20).
    assert.equal(cal.addWorkingDays('2026-02-09', 20), '2026-03-13');
    assert.equal(cal.workingDaysBetween('2026-02-13', '2026-02-24'), 2);
  });

  test('R-ORD-017 R-ORD-022: across National Day 2025', () => {
    // Break 10-01..10-08, 调休 Sun 09-28 and Sat 10-11.
    assert.equal(cal.addWorkingDays('2025-09-30', 1), '2025-10-09');
    assert.equal(cal.addWorkingDays('2025-10-03', 1), '2025-10-09');
    assert.equal(cal.addWorkingDays('2025-09-26', 4), '2025-10-09');
    assert.equal(cal.addWorkingDays('2025-09-26', 6), '2025-10-11');
    assert.equal(cal.addWorkingDays('2025-09-26', 7), '2025-10-13');
  });

  test('R-ORD-017 R-ORD-022: across Mid-Autumn and National Day 2026', () => {
    // 调休 Sun 09-20; 中秋 Fri 09-25..Sun 09-27; 国庆 10-01..10-07; 调休 Sat 10-10.
    assert.equal(cal.addWorkingDays('2026-09-18', 1), '2026-09-20');
    assert.equal(cal.addWorkingDays('2026-09-24', 1), '2026-09-28');
    assert.equal(cal.addWorkingDays('2026-09-30', 1), '2026-10-08');
    assert.equal(cal.addWorkingDays('2026-09-30', 3), '2026-10-10');
    assert.equal(cal.addWorkingDays('2026-09-30', 4), '2026-10-12');
    // 20 WD from Monday 2026-09-21: 09-22..24 (3), 09-28..30 (6), 10-08, 10-09, 10-10 (9), 10-12..16 (14),
    // 10-19..23 (19), 10-26 (20).
    assert.equal(cal.addWorkingDays('2026-09-21', 20), '2026-10-26');
  });

  test('R-EXT-011: negative counts go backwards ("N working days before expiry")', () => {
    // Before Monday 2026-10-12: 10-10 Sat 调休 (1), 10-09 (2), 10-08 (3), 09-30..28 (6), 09-24..21 (10).
    assert.equal(cal.addWorkingDays('2026-10-12', -10), '2026-09-21');
    assert.equal(cal.previousWorkingDay('2026-10-08'), '2026-09-30');
    assert.equal(cal.workingDaysBetween('2026-10-12', '2026-09-21'), -10);
  });

  test('R-MAT-028: workingDayOnOrAfter keeps a working day and moves a weekend or holiday forward', () => {
    assert.equal(cal.workingDayOnOrAfter('2025-10-04'), '2025-10-09');
    assert.equal(cal.workingDayOnOrAfter('2025-10-11'), '2025-10-11');
    assert.equal(cal.workingDayOnOrAfter('2026-11-27'), '2026-11-27');
  });

  test('workingDaysBetween(d, addWorkingDays(d, n)) === n, for dates 2018–2027 and n from -30 to 60', () => {
    const counts = [-30, -7, -1, 0, 1, 2, 3, 5, 20, 30, 60];
    for (let d = '2017-12-20'; d < '2027-12-31'; d = addCalendarDays(d, 5)) {
      for (const n of counts) {
        const end = cal.addWorkingDays(d, n);
        assert.equal(cal.workingDaysBetween(d, end), n, `${d} ${n}`);
        if (n !== 0) assert.equal(cal.isWorkingDay(end), true, `${d} ${n}`);
      }
    }
    assert.equal(cal.addWorkingDays('2026-10-03', 0), '2026-10-03');
  });

  test('non-integer counts are rejected', () => {
    assert.throws(() => cal.addWorkingDays('2026-11-27', 1.5), RangeError);
    assert.throws(() => cal.addWorkingDays('2026-11-27', Number.NaN), RangeError);
  });

  test('TZ independence: a deadline from an instant just after Beijing midnight uses the Beijing date', () => {
    const before = process.env.TZ;
    try {
      for (const tz of ['UTC', 'America/Los_Angeles', 'Pacific/Kiritimati']) {
        process.env.TZ = tz;
        const event = beijingDate(new Date('2026-10-01T00:30:00+08:00'));
        assert.equal(event, '2026-10-01', tz);
        assert.equal(cal.isWorkingDay(event), false, tz);
        assert.equal(cal.addWorkingDays(event, 1), '2026-10-08', tz);
        // 23:30 on Friday 2026-11-27 Beijing is still Friday: +1 WD = Monday, whatever the server's zone.
        assert.equal(cal.addWorkingDays(beijingDate(new Date('2026-11-27T23:30:00+08:00')), 1), '2026-11-30', tz);
      }
    } finally {
      if (before === undefined) delete process.env.TZ;
      else process.env.TZ = before;
    }
  });
});

describe('years without data are provisional', () => {
  test('2027 dates are computed Monday–Friday and marked provisional', () => {
    for (const date of datesOfYear(2027)) {
      const dow = dayOfWeek(date);
      assert.equal(cal.isWorkingDay(date), dow >= 1 && dow <= 5, date);
      assert.equal(cal.isProvisional(date), true, date);
    }
    // 2027-10-01 is a Friday: certainly National Day, but without the notice it is counted as a working day.
    assert.deepEqual(cal.addWorkingDaysDetailed('2027-09-30', 1), {
      date: '2027-10-01',
      provisional: true,
      calendarVersion: cal.version,
    });
    assert.equal(cal.dayInfo('2027-10-01').origin, 'weekday-rule');
  });

  test('a result inside a covered year is not provisional; one reaching the last days of December 2026 is', () => {
    assert.equal(cal.addWorkingDaysDetailed('2026-09-21', 20).provisional, false);
    assert.deepEqual(cal.addWorkingDaysDetailed('2026-12-21', 3), {
      date: '2026-12-24',
      provisional: false,
      calendarVersion: cal.version,
    });
    // The 2027 notice may still move 2026-12-26..31 (as the 2019 notice did with 2018-12-29..31).
    assert.equal(cal.addWorkingDaysDetailed('2026-12-21', 5).provisional, true);
    assert.equal(cal.isProvisional('2026-12-28'), true);
    assert.equal(cal.isProvisional('2025-12-28'), false);
    assert.equal(cal.addWorkingDaysDetailed('2026-12-28', 3).provisional, true);
  });

  test('years before the data are provisional too', () => {
    assert.equal(cal.isProvisional('2017-06-01'), true);
  });

  test('missingNextYearWarning: from 1 November when next year is missing, in Beijing time', () => {
    assert.equal(cal.missingNextYearWarning('2026-10-31'), null);
    const w = cal.missingNextYearWarning('2026-11-01');
    assert.ok(w);
    assert.match(w.zh, /2027/);
    assert.match(w.en, /2027/);
    // 2026-10-31T16:30Z is already 1 November in Beijing.
    assert.ok(cal.missingNextYearWarning(new Date('2026-10-31T16:30:00Z')));
    assert.equal(cal.missingNextYearWarning(new Date('2026-10-31T15:30:00Z')), null);
    assert.equal(cal.missingNextYearWarning('2025-11-15'), null);
    // Already in a year without data: warn at any date.
    assert.match(cal.missingNextYearWarning('2027-03-01')?.en ?? '', /2027 \(this year\)/);
  });
});

describe('admin overrides', () => {
  test('a declared holiday makes a weekday non-working and shifts deadlines', () => {
    const c = createWorkCalendar({
      overrides: [{ date: '2026-11-30', kind: 'holiday', name: { zh: '测试假日', en: 'Test holiday' } }],
    });
    assert.equal(c.isWorkingDay('2026-11-30'), false);
    assert.equal(c.addWorkingDays('2026-11-27', 1), '2026-12-01');
    assert.equal(c.dayInfo('2026-11-30').origin, 'override');
    assert.equal(c.dayInfo('2026-11-30').name?.en, 'Test holiday');
    assert.equal(cal.addWorkingDays('2026-11-27', 1), '2026-11-30');
  });

  test('a declared workday makes a Saturday working', () => {
    const c = createWorkCalendar({
      overrides: [{ date: '2026-11-28', kind: 'workday', source: 'https://example.invalid/notice' }],
    });
    assert.equal(c.isWorkingDay('2026-11-28'), true);
    assert.equal(c.addWorkingDays('2026-11-27', 1), '2026-11-28');
    assert.equal(c.dayInfo('2026-11-28').kind, 'makeUpWorkday');
    assert.equal(c.dayInfo('2026-11-28').source, 'https://example.invalid/notice');
  });

  test('overrides win over the vendored notice (a mid-year change)', () => {
    const c = createWorkCalendar({
      overrides: [
        { date: '2026-10-08', kind: 'holiday', name: '国庆节' },
        { date: '2026-10-10', kind: 'holiday' },
      ],
    });
    assert.equal(c.addWorkingDays('2026-09-30', 1), '2026-10-09');
    assert.equal(c.isWorkingDay('2026-10-10'), false);
    assert.deepEqual(c.dayInfo('2026-10-08').name, { zh: '国庆节', en: '国庆节' });
  });

  test('the version changes with the working-day pattern, not with names; timers can tell which calendar computed them', () => {
    assert.match(cal.version, /^wc1-[0-9a-f]{16}$/);
    assert.equal(createWorkCalendar().version, cal.version);
    const holiday = createWorkCalendar({ overrides: [{ date: '2026-11-30', kind: 'holiday' }] });
    assert.notEqual(holiday.version, cal.version);
    assert.equal(
      createWorkCalendar({ overrides: [{ date: '2026-11-30', kind: 'holiday', name: 'x' }] }).version,
      holiday.version,
    );
    // Restating what the notice already says changes nothing.
    assert.equal(createWorkCalendar({ overrides: [{ date: '2026-10-10', kind: 'workday' }] }).version, cal.version);
    assert.equal(holiday.addWorkingDaysDetailed('2026-11-27', 1).calendarVersion, holiday.version);
  });

  test('an admin-entered year counts as covered: no longer provisional, coveredUntilYear moves on, no warning', () => {
    const c = createWorkCalendar({
      overrides: [{ date: '2027-10-01', kind: 'holiday', name: { zh: '国庆节', en: 'National Day' } }],
      overrideYears: [2027],
    });
    assert.equal(c.coveredUntilYear, 2027);
    assert.equal(c.isProvisional('2027-06-01'), false);
    assert.equal(c.isProvisional('2026-12-28'), false);
    assert.deepEqual(c.addWorkingDaysDetailed('2027-09-30', 1), {
      date: '2027-10-04',
      provisional: false,
      calendarVersion: c.version,
    });
    assert.equal(c.missingNextYearWarning('2026-11-29'), null);
    assert.notEqual(c.version, createWorkCalendar({ overrides: [{ date: '2027-10-01', kind: 'holiday' }] }).version);
    // A single override without the year declared leaves the rest of 2027 provisional, but not that day.
    const single = createWorkCalendar({ overrides: [{ date: '2027-10-01', kind: 'holiday' }] });
    assert.equal(single.isProvisional('2027-10-01'), false);
    assert.equal(single.isProvisional('2027-10-04'), true);
    assert.equal(single.coveredUntilYear, 2026);
  });

  test('coveredUntilYear stops at the first gap', () => {
    const c = new WorkCalendar(vendoredHolidayData, { overrideYears: [2028] });
    assert.equal(c.coveredUntilYear, 2026);
    assert.equal(c.isYearCovered(2028), true);
    assert.equal(new WorkCalendar({ years: {} }).coveredUntilYear, null);
  });

  test('a malformed override is rejected', () => {
    assert.throws(
      () => createWorkCalendar({ overrides: [{ date: '2026-02-30', kind: 'holiday' }] }),
      (e: unknown) => e instanceof DomainError && e.reason === 'INVALID_CIVIL_DATE',
    );
  });
});

describe('parseHolidayData', () => {
  const source = { title: '国务院办公厅关于2027年部分节假日安排的通知', issued: '2026-11-01' };

  test('accepts a next-year file and rejects contradictions and dates outside the notice', () => {
    const ok = parseHolidayData({
      years: {
        '2027': {
          source,
          festivals: [
            { name: { zh: '元旦', en: "New Year's Day" }, holidays: ['2026-12-31', '2027-01-01'], workdays: [] },
          ],
        },
      },
    });
    assert.deepEqual(ok.years['2027'].festivals[0].holidays, ['2026-12-31', '2027-01-01']);
    const reason = (input: unknown) => {
      try {
        parseHolidayData(input);
        return 'accepted';
      } catch (e) {
        return e instanceof DomainError ? e.reason : String(e);
      }
    };
    const year = (festivals: unknown) => ({ years: { '2027': { source, festivals } } });
    const name = { zh: '春节', en: 'Spring Festival' };
    assert.equal(reason(year([{ name, holidays: ['2027-02-06'], workdays: ['2027-02-06'] }])), 'INVALID_HOLIDAY_DATA');
    assert.equal(reason(year([{ name, holidays: ['2028-01-01'], workdays: [] }])), 'INVALID_HOLIDAY_DATA');
    assert.equal(reason(year([{ name, holidays: ['2026-06-01'], workdays: [] }])), 'INVALID_HOLIDAY_DATA');
    assert.equal(reason(year([{ name, holidays: ['2027-02-30'], workdays: [] }])), 'INVALID_CIVIL_DATE');
    assert.equal(reason(year([{ name: { zh: '春节' }, holidays: [], workdays: [] }])), 'INVALID_HOLIDAY_DATA');
    assert.equal(reason({ years: { '2027': { festivals: [] } } }), 'INVALID_HOLIDAY_DATA');
    assert.equal(reason({}), 'INVALID_HOLIDAY_DATA');
  });
});
