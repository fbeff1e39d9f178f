import type { LocalizedText } from '../../../platform/i18n.ts';
import { isCancellation, type OrderType } from './order-types.ts';

/** The 11 order states of requirements.md §17.1. */
export const ORDER_STATES = [
  'DRAFT',
  'PENDING_INITIAL_REVIEW',
  'INITIAL_REJECTED',
  'PHOTO_PENDING',
  'PENDING_RE_REVIEW',
  'RE_REVIEW_REJECTED',
  'PENDING_BUREAU',
  'BUREAU_REJECTED',
  'APPROVED',
  'ABANDONED',
  'EXPIRED',
] as const;
export type OrderState = (typeof ORDER_STATES)[number];

/**
 * What the customer may change in a state (§17.1 last column, R-ORD-014). `EVERYTHING` is still limited by the
 * sections the order type keeps read-only (`ORDER_TYPE_INFO[type].editableSections`).
 */
export type CustomerEditScope = 'EVERYTHING' | 'CURTAIN_PHOTOS_ONLY' | 'NOTHING';

/**
 * A service level in a state and the timer that tracks it: N working days, or the bureau's per-province review time
 * (R-ORD-022), which only the province table knows.
 */
export type StateSla =
  | { timer: 'INITIAL_REVIEW_SLA' | 'RE_REVIEW_SLA'; workingDays: number }
  | { timer: 'BUREAU_DECISION_DUE'; bureauWorkingDays: true }
  | null;

/** Timers an order can carry. The lead schedules them; `decide` says which to set and clear. */
export const TIMER_KINDS = [
  /** R-ORD-026: 45 calendar days (45 × 24 h) in one step → EXPIRE_45D. */
  'STEP_EXPIRY',
  /** R-NTF-011: warn 7 days before STEP_EXPIRY. */
  'STEP_EXPIRY_WARNING',
  /** R-ORD-017: initial review within 1 working day of (re)submission; a breach goes on the SLA report. */
  'INITIAL_REVIEW_SLA',
  /** R-ORD-021: photo re-review within 1 working day. */
  'RE_REVIEW_SLA',
  /** R-ORD-022: the expected bureau decision date the console shows. */
  'BUREAU_DECISION_DUE',
] as const;
export type TimerKind = (typeof TIMER_KINDS)[number];

/**
 * When a timer falls due, counted from the moment the order enters the state. `calendarDays` means N × 24 h
 * (R-ORD-026 note: "day 46" is the first timer run after 45 × 24 h); `workingDays` follows §0.2 (day 1 is the next
 * working day) and is computed by the calendar module.
 */
export type TimerDue = { calendarDays: number } | { workingDays: number };
export interface TimerSpec {
  kind: TimerKind;
  due: TimerDue;
}

export const STEP_VALIDITY_DAYS = 45;
export const STEP_EXPIRY_WARNING_LEAD_DAYS = 7;

export interface StateInfo {
  label: LocalizedText;
  terminal: boolean;
  /** The 45-day step timer runs in this state (R-ORD-026); PENDING_BUREAU is exempt, the provider cannot time it out. */
  stepTimer: boolean;
  sla: StateSla;
  customerMayEdit: CustomerEditScope;
  /** R-ORD-014: editing needs 「撤销备案」/「返回修改」 (the REVOKE event) first. */
  editNeedsRevoke: boolean;
  /** R-ORD-015/016: 「放弃备案」 is possible. */
  abandonable: boolean;
}

export const STATE_INFO = {
  DRAFT: {
    label: { zh: '填写中', en: 'Draft' },
    terminal: false,
    stepTimer: true,
    sla: null,
    customerMayEdit: 'EVERYTHING',
    editNeedsRevoke: false,
    abandonable: true,
  },
  PENDING_INITIAL_REVIEW: {
    label: { zh: '初审中', en: 'Initial review' },
    terminal: false,
    stepTimer: true,
    sla: { timer: 'INITIAL_REVIEW_SLA', workingDays: 1 },
    customerMayEdit: 'NOTHING',
    editNeedsRevoke: false,
    abandonable: true,
  },
  INITIAL_REJECTED: {
    label: { zh: '初审驳回', en: 'Rejected at initial review' },
    terminal: false,
    stepTimer: true,
    sla: null,
    customerMayEdit: 'EVERYTHING',
    editNeedsRevoke: true,
    abandonable: true,
  },
  PHOTO_PENDING: {
    label: { zh: '待拍照（办理拍照）', en: 'Awaiting curtain photo' },
    terminal: false,
    stepTimer: true,
    sla: null,
    customerMayEdit: 'CURTAIN_PHOTOS_ONLY',
    editNeedsRevoke: false,
    abandonable: true,
  },
  PENDING_RE_REVIEW: {
    label: { zh: '复审中', en: 'Photo re-review' },
    terminal: false,
    stepTimer: true,
    sla: { timer: 'RE_REVIEW_SLA', workingDays: 1 },
    customerMayEdit: 'NOTHING',
    editNeedsRevoke: false,
    abandonable: true,
  },
  RE_REVIEW_REJECTED: {
    label: { zh: '复审驳回', en: 'Rejected at photo re-review' },
    terminal: false,
    stepTimer: true,
    sla: null,
    customerMayEdit: 'CURTAIN_PHOTOS_ONLY',
    editNeedsRevoke: false,
    abandonable: true,
  },
  PENDING_BUREAU: {
    label: { zh: '管局审核中（已锁定）', en: 'Under bureau review (locked)' },
    terminal: false,
    stepTimer: false,
    sla: { timer: 'BUREAU_DECISION_DUE', bureauWorkingDays: true },
    customerMayEdit: 'NOTHING',
    editNeedsRevoke: false,
    abandonable: false,
  },
  BUREAU_REJECTED: {
    label: { zh: '管局驳回', en: 'Rejected by the bureau' },
    terminal: false,
    stepTimer: true,
    sla: null,
    customerMayEdit: 'EVERYTHING',
    editNeedsRevoke: true,
    abandonable: true,
  },
  APPROVED: {
    label: { zh: '备案成功', en: 'Approved' },
    terminal: true,
    stepTimer: false,
    sla: null,
    customerMayEdit: 'NOTHING',
    editNeedsRevoke: false,
    abandonable: false,
  },
  ABANDONED: {
    label: { zh: '已放弃', en: 'Abandoned' },
    terminal: true,
    stepTimer: false,
    sla: null,
    customerMayEdit: 'NOTHING',
    editNeedsRevoke: false,
    abandonable: false,
  },
  EXPIRED: {
    label: { zh: '已过期', en: 'Expired' },
    terminal: true,
    stepTimer: false,
    sla: null,
    customerMayEdit: 'NOTHING',
    editNeedsRevoke: false,
    abandonable: false,
  },
} as const satisfies Record<OrderState, StateInfo>;

export const TERMINAL_STATES: readonly OrderState[] = ORDER_STATES.filter((s) => STATE_INFO[s].terminal);
export const NON_TERMINAL_STATES: readonly OrderState[] = ORDER_STATES.filter((s) => !STATE_INFO[s].terminal);

export function isTerminal(state: OrderState): boolean {
  return STATE_INFO[state].terminal;
}

/**
 * The console label of a state for an order type: APPROVED reads 备案成功 / 注销成功 / 取消接入成功 and ABANDONED
 * reads 放弃备案 / 放弃注销 depending on the type (§17.1, R-ORD-015, R-CHG-014).
 */
export function stateLabel(state: OrderState, type: OrderType): LocalizedText {
  if (state === 'APPROVED') {
    if (type === 'CANCEL_ACCESS') return { zh: '取消接入成功', en: 'Access cancelled' };
    if (isCancellation(type)) return { zh: '注销成功', en: 'Cancelled' };
    return { zh: '备案成功', en: 'Filed' };
  }
  if (state === 'ABANDONED') {
    return isCancellation(type)
      ? { zh: '放弃注销', en: 'Cancellation abandoned' }
      : { zh: '放弃备案', en: 'Filing abandoned' };
  }
  return STATE_INFO[state].label;
}

/**
 * The timers an order carries while it sits in `state`, as specs relative to entering it. `bureauWorkingDays` is the
 * bureau's review time for the order's province and type (R-ORD-022, R-PRV-002, R-CHG-012), from the province table.
 */
export function timersForState(state: OrderState, bureauWorkingDays: number): TimerSpec[] {
  const info: StateInfo = STATE_INFO[state];
  const timers: TimerSpec[] = [];
  if (info.stepTimer) {
    timers.push({ kind: 'STEP_EXPIRY', due: { calendarDays: STEP_VALIDITY_DAYS } });
    timers.push({
      kind: 'STEP_EXPIRY_WARNING',
      due: { calendarDays: STEP_VALIDITY_DAYS - STEP_EXPIRY_WARNING_LEAD_DAYS },
    });
  }
  const sla = info.sla;
  if (sla && 'workingDays' in sla) timers.push({ kind: sla.timer, due: { workingDays: sla.workingDays } });
  else if (sla) timers.push({ kind: sla.timer, due: { workingDays: bureauWorkingDays } });
  return timers;
}

/** The timer kinds that exist in `state`, i.e. those to clear when the order leaves it. */
export function timerKindsOfState(state: OrderState): TimerKind[] {
  return timersForState(state, 0).map((t) => t.kind);
}
