import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { DomainError } from '../../platform/errors.ts';
import {
  addCalendarDays,
  addMonths,
  beijingDate,
  beijingDateTime,
  beijingInstant,
  calendarDaysBetween,
  compareDates,
  dayOfWeek,
  isCivilDate,
  parseCivilDate,
  startOfBeijingDay,
} from './civil-date.ts';

function assertInvalidDate(fn: () => unknown): void {
  assert.throws(
    fn,
    (e: unknown) => e instanceof DomainError && e.code === 'VALIDATION_FAILED' && e.reason === 'INVALID_CIVIL_DATE',
  );
}

/** Runs `fn` with the process in another time zone; Node re-reads process.env.TZ on assignment. */
function inTimeZone(tz: string, fn: () => void): void {
  const before = process.env.TZ;
  process.env.TZ = tz;
  try {
    fn();
  } finally {
    if (before === undefined) delete process.env.TZ;
    else process.env.TZ = before;
  }
}

const ZONES = ['UTC', 'America/Los_Angeles', 'Pacific/Kiritimati', 'Asia/Shanghai', 'Pacific/Pago_Pago'];

describe('civil dates in Beijing time', () => {
  test('beijingDate: the date changes at 16:00 UTC, i.e. midnight in Beijing', () => {
    assert.equal(beijingDate(new Date('2026-09-30T15:59:59.999Z')), '2026-09-30');
    assert.equal(beijingDate(new Date('2026-09-30T16:00:00.000Z')), '2026-10-01');
    assert.equal(beijingDate(new Date('2026-12-31T16:00:00Z')), '2027-01-01');
  });

  test('TZ independence: instants near Beijing midnight give the Beijing date whatever the process time zone', () => {
    for (const tz of ZONES) {
      inTimeZone(tz, () => {
        assert.equal(beijingDate(new Date('2026-10-01T00:30:00+08:00')), '2026-10-01', tz);
        assert.equal(beijingDate(new Date('2026-09-30T23:30:00+08:00')), '2026-09-30', tz);
        assert.equal(beijingDateTime(new Date('2026-10-01T00:30:00+08:00')).hour, 0, tz);
        assert.equal(startOfBeijingDay('2026-10-01').toISOString(), '2026-09-30T16:00:00.000Z', tz);
        assert.equal(dayOfWeek('2026-10-01'), 4, tz);
      });
    }
    // The zone switch really took effect, or the loop above would prove nothing.
    let losAngelesHour = -1;
    inTimeZone('America/Los_Angeles', () => {
      losAngelesHour = new Date('2026-10-01T00:30:00+08:00').getHours();
    });
    assert.equal(losAngelesHour, 9);
  });

  test('R-MAT-028: beijingDateTime gives the wall-clock reading for the 16:00 cut-off', () => {
    const t = beijingDateTime(new Date('2026-11-27T08:05:30Z'));
    assert.deepEqual(t, {
      date: '2026-11-27',
      year: 2026,
      month: 11,
      day: 27,
      hour: 16,
      minute: 5,
      second: 30,
      dayOfWeek: 5,
      minuteOfDay: 965,
    });
    assert.ok(t.minuteOfDay >= 16 * 60);
    assert.ok(beijingDateTime(new Date('2026-11-27T15:59:00+08:00')).minuteOfDay < 16 * 60);
  });

  test('startOfBeijingDay and beijingInstant give instants in UTC+8', () => {
    assert.equal(startOfBeijingDay('2026-01-01').toISOString(), '2025-12-31T16:00:00.000Z');
    assert.equal(beijingInstant('2026-11-30', 16).toISOString(), '2026-11-30T08:00:00.000Z');
    assert.equal(beijingInstant('2026-11-30', 0, 30).toISOString(), '2026-11-29T16:30:00.000Z');
    assert.equal(beijingDate(startOfBeijingDay('2024-02-29')), '2024-02-29');
    assert.throws(() => beijingInstant('2026-11-30', 24));
  });

  test('addMonths: calendar months (§0.2: 2018-10-15 + 3 months = 2019-01-15)', () => {
    assert.equal(addMonths('2018-10-15', 3), '2019-01-15');
    assert.equal(addMonths('2018-10-15', 12), '2019-10-15');
    assert.equal(addMonths('2019-01-15', -3), '2018-10-15');
    assert.equal(addMonths('2018-12-31', 1), '2019-01-31');
  });

  test('addMonths clamps to the last day of a shorter month', () => {
    assert.equal(addMonths('2019-01-31', 1), '2019-02-28');
    assert.equal(addMonths('2020-01-31', 1), '2020-02-29');
    assert.equal(addMonths('2018-12-31', 2), '2019-02-28');
    assert.equal(addMonths('2019-03-31', -1), '2019-02-28');
    assert.equal(addMonths('2020-02-29', 12), '2021-02-28');
    assert.equal(addMonths('2019-05-31', 1), '2019-06-30');
  });

  test('addCalendarDays and calendarDaysBetween cross month, year and leap-day boundaries', () => {
    assert.equal(addCalendarDays('2026-12-31', 1), '2027-01-01');
    assert.equal(addCalendarDays('2024-02-28', 1), '2024-02-29');
    assert.equal(addCalendarDays('2023-02-28', 1), '2023-03-01');
    assert.equal(addCalendarDays('2026-03-01', -1), '2026-02-28');
    assert.equal(addCalendarDays('2026-10-01', 45), '2026-11-15');
    assert.equal(calendarDaysBetween('2026-10-01', '2026-11-15'), 45);
    assert.equal(calendarDaysBetween('2026-11-15', '2026-10-01'), -45);
    assert.throws(() => addCalendarDays('2026-10-01', 1.5), RangeError);
  });

  test('compareDates orders dates and sorts arrays', () => {
    assert.equal(compareDates('2026-01-02', '2026-01-10'), -1);
    assert.equal(compareDates('2026-01-10', '2026-01-10'), 0);
    assert.equal(compareDates('2027-01-01', '2026-12-31'), 1);
    assert.deepEqual(['2026-10-01', '2018-01-01', '2026-02-14'].sort(compareDates), [
      '2018-01-01',
      '2026-02-14',
      '2026-10-01',
    ]);
  });

  test('dayOfWeek: 0 = Sunday … 6 = Saturday, also before 1970', () => {
    assert.equal(dayOfWeek('2026-02-14'), 6);
    assert.equal(dayOfWeek('2025-09-28'), 0);
    assert.equal(dayOfWeek('2026-11-27'), 5);
    assert.equal(dayOfWeek('1970-01-01'), 4);
    assert.equal(dayOfWeek('1969-12-31'), 3);
    assert.equal(dayOfWeek('1949-10-01'), 6);
  });

  test('malformed or impossible dates are rejected with VALIDATION_FAILED / INVALID_CIVIL_DATE', () => {
    for (const bad of [
      '2026-2-3',
      '2026-02-30',
      '2025-02-29',
      '2026-13-01',
      '2026-00-10',
      '20261001',
      '',
      ' 2026-10-01',
    ]) {
      assertInvalidDate(() => parseCivilDate(bad));
      assert.equal(isCivilDate(bad), false, bad);
    }
    assertInvalidDate(() => compareDates('2026-10-01', '2026-10-1'));
    assertInvalidDate(() => beijingDate(new Date('not a date')));
    assert.equal(isCivilDate('2024-02-29'), true);
  });
});
