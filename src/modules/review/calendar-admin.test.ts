import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createWorkCalendar } from '../calendar/index.ts';
import { refreshableCalendar } from './calendar-admin.ts';

describe('refreshable calendar', () => {
  it('R-ORD-035: modules holding the calendar see a replacement at once', () => {
    const holder = refreshableCalendar(createWorkCalendar());
    const held = holder.calendar;
    const { addWorkingDays } = held; // a detached method keeps working
    assert.equal(held.addWorkingDays('2026-11-02', 1), '2026-11-03');
    const v1 = held.version;
    holder.replace(createWorkCalendar({ overrides: [{ date: '2026-11-03', kind: 'holiday' }] }));
    assert.equal(held.addWorkingDays('2026-11-02', 1), '2026-11-04');
    assert.equal(
      addWorkingDays('2026-11-02', 1),
      '2026-11-03',
      'a method taken before the swap is bound to the old one',
    );
    assert.notEqual(held.version, v1);
    assert.equal(held.isWorkingDay('2026-11-03'), false);
  });
});
