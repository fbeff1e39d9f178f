import { beijingDate, type WorkCalendar } from '../calendar/index.ts';

/**
 * Review SLAs in working days (R-ORD-017 initial review, R-ORD-021 photo re-review: 1 working day of (re)submission)
 * and the step statistics of the dashboard. Pure over a calendar; the calendar in force is passed in, so an admin's
 * calendar override changes the clocks at once.
 */
export type Cal = Pick<WorkCalendar, 'addWorkingDays' | 'workingDaysBetween'>;

/** The SLA of each review step, in working days (R-ORD-017, R-ORD-021). */
export const REVIEW_SLA_WORKING_DAYS = { PENDING_INITIAL_REVIEW: 1, PENDING_RE_REVIEW: 1 } as const;
export type SlaState = keyof typeof REVIEW_SLA_WORKING_DAYS;

export function isSlaState(state: string): state is SlaState {
  return Object.hasOwn(REVIEW_SLA_WORKING_DAYS, state);
}

export interface SlaClock {
  workingDays: number;
  /** Beijing civil date the step started. */
  startedOn: string;
  /** Last Beijing civil date within the SLA; due at its end (23:59:59 Beijing). */
  dueOn: string;
  dueAt: number;
  /** Working days since the step started (0 on the day itself). */
  elapsedWorkingDays: number;
  /** Working days left until the due date (negative once past it). */
  remainingWorkingDays: number;
  breached: boolean;
}

/** Same due instant as the lifecycle's SLA timer: the end of the N-th working day after entry (§0.2). */
export function dueInstant(cal: Cal, enteredAt: number, workingDays: number): { dueOn: string; dueAt: number } {
  const dueOn = cal.addWorkingDays(beijingDate(new Date(enteredAt)), workingDays);
  return { dueOn, dueAt: Date.parse(`${dueOn}T23:59:59.999+08:00`) };
}

export function slaClock(cal: Cal, enteredAt: number, now: number, workingDays: number): SlaClock {
  const startedOn = beijingDate(new Date(enteredAt));
  const today = beijingDate(new Date(now));
  const { dueOn, dueAt } = dueInstant(cal, enteredAt, workingDays);
  return {
    workingDays,
    startedOn,
    dueOn,
    dueAt,
    elapsedWorkingDays: cal.workingDaysBetween(startedOn, today),
    remainingWorkingDays: cal.workingDaysBetween(today, dueOn),
    breached: now > dueAt,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Step statistics from the order events

export interface StepEvent {
  orderId: string;
  seq: number;
  at: number;
  from: string | null;
  to: string;
}

/** One stay of an order in a state: entered at `enteredAt`, left at `leftAt` (null while still there). */
export interface Stay {
  orderId: string;
  state: string;
  enteredAt: number;
  leftAt: number | null;
  /** The state the order went to next. */
  next: string | null;
}

/** Every stay in every state, from the lifecycle's own events (same-state events such as edits do not split a stay). */
export function staysFromEvents(events: readonly StepEvent[]): Stay[] {
  const byOrder = new Map<string, StepEvent[]>();
  for (const e of events) {
    const list = byOrder.get(e.orderId) ?? [];
    list.push(e);
    byOrder.set(e.orderId, list);
  }
  const stays: Stay[] = [];
  for (const [orderId, list] of byOrder) {
    list.sort((a, b) => a.seq - b.seq);
    let open: Stay | null = null;
    for (const e of list) {
      if (e.from === e.to) continue;
      if (open) {
        open.leftAt = e.at;
        open.next = e.to;
        stays.push(open);
      }
      open = { orderId, state: e.to, enteredAt: e.at, leftAt: null, next: null };
    }
    if (open) stays.push(open);
  }
  return stays;
}

export interface DurationStats {
  count: number;
  /** Hours, from entry to exit. */
  meanHours: number | null;
  medianHours: number | null;
  p90Hours: number | null;
  /** Working days, as the SLA counts them. */
  medianWorkingDays: number | null;
}

function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
  return sorted[i];
}

const round1 = (n: number | null) => (n === null ? null : Math.round(n * 10) / 10);

export function durationStats(cal: Cal, stays: readonly Stay[]): DurationStats {
  const done = stays.filter((s): s is Stay & { leftAt: number } => s.leftAt !== null);
  const hours = done.map((s) => (s.leftAt - s.enteredAt) / 3_600_000).sort((a, b) => a - b);
  const wds = done
    .map((s) => cal.workingDaysBetween(beijingDate(new Date(s.enteredAt)), beijingDate(new Date(s.leftAt))))
    .sort((a, b) => a - b);
  return {
    count: done.length,
    meanHours: hours.length ? round1(hours.reduce((a, b) => a + b, 0) / hours.length) : null,
    medianHours: round1(percentile(hours, 0.5)),
    p90Hours: round1(percentile(hours, 0.9)),
    medianWorkingDays: percentile(wds, 0.5),
  };
}

export interface SlaPoint {
  /** Monday (Beijing civil date) of the week the SLA fell due in. */
  week: string;
  total: number;
  breached: number;
}

/** Monday of the week of a civil date. */
export function weekOf(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  const dow = (d.getUTCDay() + 6) % 7;
  return new Date(d.getTime() - dow * 86_400_000).toISOString().slice(0, 10);
}

/**
 * SLA results per week of the due date: a stay counts once it is judged, i.e. it ended or its SLA fell due; it is a
 * breach when it ended after the due instant or is still open past it.
 */
export function slaSeries(cal: Cal, stays: readonly Stay[], state: SlaState, now: number): SlaPoint[] {
  const weeks = new Map<string, SlaPoint>();
  for (const s of stays) {
    if (s.state !== state) continue;
    const { dueOn, dueAt } = dueInstant(cal, s.enteredAt, REVIEW_SLA_WORKING_DAYS[state]);
    if (s.leftAt === null && now <= dueAt) continue;
    const week = weekOf(dueOn);
    const p = weeks.get(week) ?? { week, total: 0, breached: 0 };
    p.total += 1;
    if ((s.leftAt ?? now) > dueAt) p.breached += 1;
    weeks.set(week, p);
  }
  return [...weeks.values()].sort((a, b) => (a.week < b.week ? -1 : 1));
}
