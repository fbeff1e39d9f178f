import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createWorkCalendar } from '../calendar/index.ts';
import { durationStats, slaClock, slaSeries, staysFromEvents, weekOf } from './sla.ts';

const cal = createWorkCalendar();
const at = (s: string) => Date.parse(s);

describe('review SLA clocks', () => {
  it('R-ORD-017: submitted Friday evening → due at the end of Monday; breached from Tuesday', () => {
    const entered = at('2026-11-06T20:00:00+08:00'); // a Friday
    const c = slaClock(cal, entered, at('2026-11-09T18:00:00+08:00'), 1);
    assert.equal(c.dueOn, '2026-11-09');
    assert.equal(c.breached, false);
    assert.equal(c.elapsedWorkingDays, 1);
    assert.equal(c.remainingWorkingDays, 0);
    const late = slaClock(cal, entered, at('2026-11-10T00:00:01+08:00'), 1);
    assert.equal(late.breached, true);
    assert.equal(late.remainingWorkingDays, -1);
  });

  it('R-ORD-035: the holidays of the vendored notice count (National Day 2026)', () => {
    const c = slaClock(cal, at('2026-09-30T10:00:00+08:00'), at('2026-10-02T10:00:00+08:00'), 1);
    assert.equal(c.dueOn, '2026-10-08', 'the first working day after the 1–7 October break');
    assert.equal(c.breached, false);
  });

  it('an admin override moves the due date', () => {
    const withHoliday = createWorkCalendar({ overrides: [{ date: '2026-11-03', kind: 'holiday' }] });
    assert.equal(
      slaClock(withHoliday, at('2026-11-02T09:00:00+08:00'), at('2026-11-02T10:00:00+08:00'), 1).dueOn,
      '2026-11-04',
    );
  });
});

describe('step statistics', () => {
  const ev = (orderId: string, seq: number, t: string, from: string | null, to: string) => ({
    orderId,
    seq,
    at: at(t),
    from,
    to,
  });
  const events = [
    ev('a', 1, '2026-11-02T09:00:00+08:00', null, 'DRAFT'),
    ev('a', 2, '2026-11-02T10:00:00+08:00', 'DRAFT', 'PENDING_INITIAL_REVIEW'),
    ev('a', 3, '2026-11-02T11:00:00+08:00', 'PENDING_INITIAL_REVIEW', 'PENDING_INITIAL_REVIEW'),
    ev('a', 4, '2026-11-02T14:00:00+08:00', 'PENDING_INITIAL_REVIEW', 'PHOTO_PENDING'),
    ev('b', 1, '2026-11-02T09:00:00+08:00', null, 'DRAFT'),
    ev('b', 2, '2026-11-02T10:00:00+08:00', 'DRAFT', 'PENDING_INITIAL_REVIEW'),
    ev('b', 3, '2026-11-05T10:00:00+08:00', 'PENDING_INITIAL_REVIEW', 'INITIAL_REJECTED'),
    ev('b', 4, '2026-11-05T12:00:00+08:00', 'INITIAL_REJECTED', 'PENDING_INITIAL_REVIEW'),
  ];

  it('stays are split only by real state changes', () => {
    const stays = staysFromEvents(events);
    const a = stays.filter((s) => s.orderId === 'a' && s.state === 'PENDING_INITIAL_REVIEW');
    assert.equal(a.length, 1, 'a same-state event does not split the stay');
    assert.equal(a[0].leftAt! - a[0].enteredAt, 4 * 3_600_000);
    const open = stays.find((s) => s.orderId === 'b' && s.leftAt === null);
    assert.equal(open?.state, 'PENDING_INITIAL_REVIEW');
  });

  it('durations: median, p90 and working days', () => {
    const stays = staysFromEvents(events).filter((s) => s.state === 'PENDING_INITIAL_REVIEW');
    const d = durationStats(cal, stays);
    assert.equal(d.count, 2);
    assert.equal(d.medianHours, 4);
    assert.equal(d.p90Hours, 72);
    assert.equal(d.medianWorkingDays, 0);
  });

  it('R-ORD-017: breaches per week of the due date; an open stay counts once its SLA fell due', () => {
    const stays = staysFromEvents(events);
    const series = slaSeries(cal, stays, 'PENDING_INITIAL_REVIEW', at('2026-11-09T12:00:00+08:00'));
    assert.deepEqual(series, [{ week: '2026-11-02', total: 3, breached: 2 }]);
    assert.equal(weekOf('2026-11-08'), '2026-11-02');
    assert.equal(weekOf('2026-11-09'), '2026-11-09');
  });
});
