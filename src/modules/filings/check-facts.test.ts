import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AdjustableClock } from '../../platform/clock.ts';
import { createWorkCalendar } from '../calendar/index.ts';
import { addWorkingDays } from '../rules/dates.ts';
import { cachedApprovedSuffixes, calendarData } from './check-facts.ts';

test('R-ORD-035 R-WEB-010: the calendar as data counts working days like the platform calendar around today', () => {
  const calendar = createWorkCalendar();
  const data = calendarData(calendar, '2026-09-25');
  // National Day 2026: days off from 10-01, make-up workdays on weekends around it
  assert.ok(data.holidays.includes('2026-10-01'));
  assert.ok(data.makeupWorkdays.length > 0);
  for (const from of ['2026-09-25', '2026-09-30', '2026-10-09', '2026-12-31']) {
    for (const n of [1, 3, 22]) {
      assert.equal(addWorkingDays(from, n, data), calendar.addWorkingDays(from, n), `${from} + ${n}`);
    }
  }
});

test('R-WEB-005 R-WEB-006: the approved-suffix getter answers the shipped list until the bureau list arrives, keeps it on failure and ignores an empty list', async () => {
  const clock = new AdjustableClock('2026-11-02T09:00:00+08:00', { frozen: true });
  const answers: Array<readonly string[] | Error> = [['cn', 'com'], new Error('bureau down'), []];
  let calls = 0;
  const errors: unknown[] = [];
  const get = cachedApprovedSuffixes(
    async () => {
      const a = answers[calls++]!;
      if (a instanceof Error) throw a;
      return a;
    },
    { clock, ttlMs: 60_000, onError: (e) => errors.push(e) },
  );
  assert.equal(get(), undefined, 'nothing fetched yet: the shipped list applies');
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(get(), ['cn', 'com']);
  assert.equal(calls, 1, 'within the TTL no second fetch');
  clock.advance(60_000);
  get();
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(get(), ['cn', 'com'], 'a failed refresh keeps the last list');
  assert.equal(errors.length, 1);
  clock.advance(60_000);
  get();
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(get(), ['cn', 'com'], 'an empty list is not taken');
});
