import { addCalendarDays, beijingDate } from '../../../../src/modules/calendar/civil-date.ts';
import type { WorkCalendar } from '../../../../src/modules/calendar/work-calendar.ts';
import { isCancellation, type OrderType, reviewSteps } from '../../../../src/modules/filings/domain/order-types.ts';
import { type OrderState, STATE_INFO, STEP_VALIDITY_DAYS } from '../../../../src/modules/filings/domain/states.ts';
import { provinceTable } from '../../../../src/modules/rules/provinces/table.ts';

/**
 * The progress timeline of an order (R-ORD-001, R-ORD-017..023, R-ORD-026/027, R-CHG-012), computed in the browser
 * with the same working-day calendar the server uses: each step, when it started and ended, its SLA in working days,
 * when it is due, and the expected bureau decision date.
 */

export type TimelineStepKey = 'FILL_IN' | 'INITIAL_REVIEW' | 'PHOTO' | 'PHOTO_RE_REVIEW' | 'BUREAU';
export type StepStatus = 'finish' | 'process' | 'wait' | 'error';

export interface TimelineStep {
  key: TimelineStepKey;
  status: StepStatus;
  /** Beijing civil dates. */
  startedOn?: string;
  finishedOn?: string;
  /** Working days the provider or the bureau takes (null: the step waits on the customer). */
  slaWorkingDays: number | null;
  /** A second, longer bound where the catalogue gives a window (cancellations: 3–20 WD at the bureau). */
  slaMaxWorkingDays?: number;
  /** startedOn + SLA working days, for a started step with an SLA. */
  dueOn?: string;
  /** For steps not reached yet: the projected start and due date if every earlier step keeps its SLA. */
  expectedStartOn?: string;
  expectedDueOn?: string;
  /** The step has run past its SLA (the provider is late: shown, never blamed on the customer). */
  overdue: boolean;
}

export interface OrderLike {
  type: OrderType;
  state: OrderState;
  province: string | null;
  createdAt: number;
  stateEnteredAt: number;
  submittedAt: number | null;
  /** flags.photoApproved: a resubmission after a bureau rejection that did not flag the photo skips the photo steps. */
  photoApproved?: boolean;
}

export interface OrderEventLike {
  at: number;
  from: string | null;
  to: string;
}

export interface OrderTimeline {
  steps: TimelineStep[];
  /** The step the order is at (or ended at). */
  current: TimelineStepKey;
  /** The expected bureau decision date; `estimate` until the order is actually at the bureau (R-ORD-022). */
  bureauDecision: { on: string; latestOn?: string; estimate: boolean } | null;
  /**
   * R-BUR-011 / R-ACS-017: the latest day the bureau's decision reaches this platform (console and gateway), counted
   * from the expected decision; only while the order is at the bureau, where the customer may hear of the decision
   * from the bureau before the console shows it.
   */
  bureauSync: { latestOn: string; workingDays: number } | null;
  /** R-ORD-023: the whole order, in working days. */
  totalWorkingDays: number;
  /** R-ORD-026/027: the 45-day step limit (epoch ms), where the current state has one. */
  stepExpiresAt: number | null;
  /** True when any date above lies where the calendar has no holiday notice yet (Mon–Fri assumed). */
  provisional: boolean;
}

const STEP_OF_STATE: Record<OrderState, TimelineStepKey> = {
  DRAFT: 'FILL_IN',
  PENDING_INITIAL_REVIEW: 'INITIAL_REVIEW',
  INITIAL_REJECTED: 'INITIAL_REVIEW',
  PHOTO_PENDING: 'PHOTO',
  PENDING_RE_REVIEW: 'PHOTO_RE_REVIEW',
  RE_REVIEW_REJECTED: 'PHOTO_RE_REVIEW',
  PENDING_BUREAU: 'BUREAU',
  BUREAU_REJECTED: 'BUREAU',
  APPROVED: 'BUREAU',
  ABANDONED: 'FILL_IN',
  EXPIRED: 'FILL_IN',
};

const REJECTED: readonly OrderState[] = ['INITIAL_REJECTED', 'RE_REVIEW_REJECTED', 'BUREAU_REJECTED'];

/** R-BUR-011: a decision is reflected in the console and the gateway within 2 working days of the decision date. */
export const BUREAU_SYNC_WORKING_DAYS = 2;

/** R-CHG-012: the simulated bureau cancels in 3 working days by default; the catalogue's window is 3–20. */
export const CANCELLATION_BUREAU_DAYS = { min: 3, max: 20 } as const;

/** R-ORD-022 / R-PRV-002: the province's bureau review time (20 by default, 浙江 30). */
export function bureauWorkingDaysOf(type: OrderType, province: string | null): { days: number; max?: number } {
  if (isCancellation(type)) return { days: CANCELLATION_BUREAU_DAYS.min, max: CANCELLATION_BUREAU_DAYS.max };
  const row = province ? provinceTable[province as keyof typeof provinceTable] : undefined;
  return { days: row?.bureauWorkingDays ?? 20 };
}

function slaOf(step: TimelineStepKey, bureau: { days: number; max?: number }) {
  switch (step) {
    case 'INITIAL_REVIEW':
    case 'PHOTO_RE_REVIEW':
      return { days: 1 };
    case 'BUREAU':
      return bureau;
    default:
      return null;
  }
}

/** The state a step is entered by (the first state of the step). */
const ENTRY_STATE: Record<TimelineStepKey, OrderState> = {
  FILL_IN: 'DRAFT',
  INITIAL_REVIEW: 'PENDING_INITIAL_REVIEW',
  PHOTO: 'PHOTO_PENDING',
  PHOTO_RE_REVIEW: 'PENDING_RE_REVIEW',
  BUREAU: 'PENDING_BUREAU',
};

export function orderTimeline(
  order: OrderLike,
  events: readonly OrderEventLike[],
  calendar: WorkCalendar,
  today: string,
): OrderTimeline {
  const keys: TimelineStepKey[] = ['FILL_IN', ...reviewSteps(order.type)];
  const bureau = bureauWorkingDaysOf(order.type, order.province);
  let provisional = false;
  const addWd = (date: string, n: number) => {
    const r = calendar.addWorkingDaysDetailed(date, n);
    provisional ||= r.provisional;
    return r.date;
  };

  // Where the order ended when it was abandoned or expired: the state it left.
  let endedIn: TimelineStepKey | null = null;
  if (order.state === 'ABANDONED' || order.state === 'EXPIRED') {
    const last = [...events].reverse().find((e) => e.to === order.state);
    const from = last?.from as OrderState | undefined;
    endedIn = from && from in STEP_OF_STATE ? STEP_OF_STATE[from] : 'FILL_IN';
  }
  const current = endedIn ?? STEP_OF_STATE[order.state];
  const currentIndex = Math.max(0, keys.indexOf(current));

  // The latest entry into each step (a resubmitted order passes a step again; the newest pass counts).
  const entered = new Map<TimelineStepKey, number>();
  entered.set('FILL_IN', order.createdAt);
  for (const e of events) {
    const step = keys.find((k) => ENTRY_STATE[k] === e.to);
    if (step) entered.set(step, e.at);
  }

  const steps: TimelineStep[] = [];
  let projectFrom: string | null = null;
  for (const [i, key] of keys.entries()) {
    const sla = slaOf(key, bureau);
    const step: TimelineStep = { key, status: 'wait', slaWorkingDays: sla?.days ?? null, overdue: false };
    if (sla && 'max' in sla && sla.max) step.slaMaxWorkingDays = sla.max;
    const started = entered.get(key);
    if (i < currentIndex || (order.state === 'APPROVED' && i <= currentIndex)) {
      step.status = 'finish';
      if (started !== undefined) step.startedOn = beijingDate(new Date(started));
      const next = keys[i + 1];
      const end = next ? entered.get(next) : order.state === 'APPROVED' ? order.stateEnteredAt : undefined;
      if (end !== undefined) step.finishedOn = beijingDate(new Date(end));
    } else if (i === currentIndex) {
      const failed = REJECTED.includes(order.state) || endedIn !== null;
      step.status = failed ? 'error' : 'process';
      if (started !== undefined) step.startedOn = beijingDate(new Date(started));
      if (
        order.state === 'INITIAL_REJECTED' ||
        order.state === 'RE_REVIEW_REJECTED' ||
        order.state === 'BUREAU_REJECTED'
      )
        step.finishedOn = beijingDate(new Date(order.stateEnteredAt));
      if (sla && step.startedOn && !failed) {
        step.dueOn = addWd(step.startedOn, sla.days);
        step.overdue = today > step.dueOn;
        projectFrom = step.overdue ? today : step.dueOn;
      } else if (!failed) {
        projectFrom = today;
      }
    } else if (order.photoApproved && (key === 'PHOTO' || key === 'PHOTO_RE_REVIEW')) {
      // passed in an earlier round (R-ORD-019, R-REJ-004): not repeated
      step.status = 'finish';
      if (started !== undefined) step.startedOn = beijingDate(new Date(started));
    } else if (projectFrom && !endedIn) {
      step.expectedStartOn = projectFrom;
      if (sla) {
        step.expectedDueOn = addWd(projectFrom, sla.days);
        projectFrom = step.expectedDueOn;
      }
    }
    steps.push(step);
  }

  const bureauStep = steps.find((s) => s.key === 'BUREAU');
  let bureauDecision: OrderTimeline['bureauDecision'] = null;
  if (bureauStep && order.state !== 'APPROVED' && !endedIn && !REJECTED.includes(order.state)) {
    if (bureauStep.dueOn && bureauStep.startedOn)
      bureauDecision = {
        on: bureauStep.dueOn,
        latestOn: bureau.max ? addWd(bureauStep.startedOn, bureau.max) : undefined,
        estimate: false,
      };
    else if (bureauStep.expectedDueOn && bureauStep.expectedStartOn)
      bureauDecision = {
        on: bureauStep.expectedDueOn,
        latestOn: bureau.max ? addWd(bureauStep.expectedStartOn, bureau.max) : undefined,
        estimate: true,
      };
  }

  const bureauSync =
    order.state === 'PENDING_BUREAU' && bureauDecision
      ? {
          latestOn: addWd(bureauDecision.latestOn ?? bureauDecision.on, BUREAU_SYNC_WORKING_DAYS),
          workingDays: BUREAU_SYNC_WORKING_DAYS,
        }
      : null;

  const info = STATE_INFO[order.state];
  const stepExpiresAt = info.stepTimer ? order.stateEnteredAt + STEP_VALIDITY_DAYS * 86_400_000 : null;
  const totalWorkingDays = keys.reduce((n, k) => n + (slaOf(k, bureau)?.days ?? 0), 0);
  return { steps, current, bureauDecision, bureauSync, totalWorkingDays, stepExpiresAt, provisional };
}

/** R-ORD-004 helper for FAQ-004: "if you start today" — the expected approval date of a new order. */
export function expectedApprovalIfStartedOn(
  type: OrderType,
  province: string | null,
  calendar: WorkCalendar,
  startOn: string,
): { on: string; workingDays: number } {
  const bureau = bureauWorkingDaysOf(type, province);
  const workingDays = 1 + (reviewSteps(type).includes('PHOTO_RE_REVIEW') ? 1 : 0) + bureau.days;
  return { on: calendar.addWorkingDays(startOn, workingDays), workingDays };
}

/** R-ORD-027: a rejected order can be fixed until 45 days after the rejection. */
export function rejectionDeadline(stateEnteredAt: number): string {
  return addCalendarDays(beijingDate(new Date(stateEnteredAt)), STEP_VALIDITY_DAYS);
}
