import type { LocalizedText } from '../../../platform/i18n.ts';
import { type EditSection, ORDER_TYPE_INFO, type OrderType } from './order-types.ts';
import { type Refusal, refusal } from './refusals.ts';
import { isTerminal, type OrderState, STATE_INFO } from './states.ts';

/**
 * A filing subject is identified by certificate type + certificate number (R-ACC-001). A personal and an organisation
 * subject are different subjects even for the same person (R-ACC-002): their certificate types differ.
 */
export interface SubjectKey {
  certType: string;
  certNumber: string;
}

export function sameSubject(a: SubjectKey, b: SubjectKey): boolean {
  return a.certType === b.certType && a.certNumber.trim().toUpperCase() === b.certNumber.trim().toUpperCase();
}

/**
 * Masks an account identifier for display to someone who does not own it (R-ACC-004): the first and last four
 * characters stay, so the owner recognises it and nobody else learns it (100000000001 → 1000****0001).
 */
export function maskAccountId(accountId: string): string {
  if (accountId.length <= 8) return `${accountId.slice(0, 1)}****${accountId.slice(-1)}`;
  return `${accountId.slice(0, 4)}****${accountId.slice(-4)}`;
}

/** R-ACC-001/002: an account bound to one subject cannot file another (personal vs organisation included). */
export function checkAccountSubject(boundSubject: SubjectKey | null, entered: SubjectKey): Refusal | null {
  if (boundSubject && !sameSubject(boundSubject, entered)) return refusal('ACCOUNT_HAS_OTHER_SUBJECT');
  return null;
}

/** R-ACC-004: a subject bound to another account is refused, naming that account masked. */
export function checkSubjectAccount(subjectBoundAccountId: string | null, accountId: string): Refusal | null {
  if (subjectBoundAccountId && subjectBoundAccountId !== accountId) {
    return refusal('SUBJECT_BOUND_TO_OTHER_ACCOUNT', { account: maskAccountId(subjectBoundAccountId) });
  }
  return null;
}

/**
 * R-ORD-007 (and R-REJ-005, R-ORD-013, R-ORD-016): at most one non-terminal order per account, whatever its type.
 * Drafts and rejected orders awaiting modification count; an order locked at the bureau counts until it is decided.
 * Other accounts' orders are irrelevant (R-ACC-003).
 */
export function checkOneOrderInFlight(accountOrderStates: readonly OrderState[]): Refusal | null {
  return accountOrderStates.some((s) => !isTerminal(s)) ? refusal('ORDER_IN_FLIGHT') : null;
}

/**
 * R-ACC-005 filing transfer (备案转移) preconditions: the target account holds no subject, and the subject has no
 * non-terminal order.
 */
export function checkFilingTransfer(input: {
  fromAccountId: string;
  toAccountId: string;
  targetAccountSubject: SubjectKey | null;
  subjectOrderStates: readonly OrderState[];
}): Refusal | null {
  if (input.fromAccountId === input.toAccountId) return refusal('TRANSFER_SAME_ACCOUNT');
  if (input.targetAccountSubject) return refusal('TRANSFER_TARGET_HAS_SUBJECT');
  if (input.subjectOrderStates.some((s) => !isTerminal(s))) return refusal('TRANSFER_ORDER_IN_FLIGHT');
  return null;
}

/**
 * R-ORD-014's per-type part: "all fields" never includes data the order type keeps read-only — the bureau record
 * copied into an ACCESS order (R-SUB-029, R-WEB-024) and the subject section of an ADD_WEBSITE order (R-ORD-029).
 */
export function checkEditSections(type: OrderType, sections: readonly EditSection[]): Refusal | null {
  const editable: readonly EditSection[] = ORDER_TYPE_INFO[type].editableSections;
  const blocked = sections.find((s) => !editable.includes(s));
  if (!blocked) return null;
  if (type === 'ACCESS') return refusal('ACCESS_DATA_READ_ONLY');
  if (type === 'ADD_WEBSITE' && blocked === 'SUBJECT') return refusal('CHANGE_REQUIRED');
  return refusal('SECTION_NOT_IN_ORDER_TYPE', { section: blocked });
}

/**
 * The two ways out of an order, which customers confuse (R-ORD-014/015, R-CHG-014):
 * - REVOKE (「撤销备案」/「返回修改」) keeps the order and reopens it for editing; only after a rejection that sends the
 *   data back (initial review or bureau).
 * - ABANDON (「放弃备案」/「放弃注销」) ends the order (ABANDONED), releases its authorisation code and frees the
 *   account; everywhere before the bureau. Already filed data stay untouched.
 */
export type ModificationPath =
  /** edit now */
  | 'EDIT'
  /** click 撤销备案/返回修改, edit, then 重新提交备案 */
  | 'REVOKE_THEN_EDIT'
  /** nothing can change until initial review decides */
  | 'WAIT_FOR_INITIAL_REVIEW'
  /** only curtain photos change; anything else: abandon and re-create, or a change order after approval */
  | 'PHOTOS_ONLY_OR_ABANDON'
  /** photos are being re-reviewed; anything else: abandon and re-create */
  | 'WAIT_FOR_RE_REVIEW_OR_ABANDON'
  /** locked at the bureau: wait for its decision */
  | 'LOCKED_AT_BUREAU'
  /** the order is approved: changes need a change order */
  | 'CHANGE_ORDER'
  /** the order is over: a new order is needed */
  | 'NEW_ORDER';

export function modificationPath(state: OrderState, editUnlocked: boolean): ModificationPath {
  switch (state) {
    case 'DRAFT':
      return 'EDIT';
    case 'INITIAL_REJECTED':
    case 'BUREAU_REJECTED':
      return editUnlocked ? 'EDIT' : 'REVOKE_THEN_EDIT';
    case 'PENDING_INITIAL_REVIEW':
      return 'WAIT_FOR_INITIAL_REVIEW';
    case 'PHOTO_PENDING':
    case 'RE_REVIEW_REJECTED':
      return 'PHOTOS_ONLY_OR_ABANDON';
    case 'PENDING_RE_REVIEW':
      return 'WAIT_FOR_RE_REVIEW_OR_ABANDON';
    case 'PENDING_BUREAU':
      return 'LOCKED_AT_BUREAU';
    case 'APPROVED':
      return 'CHANGE_ORDER';
    case 'ABANDONED':
    case 'EXPIRED':
      return 'NEW_ORDER';
  }
}

export const MODIFICATION_PATH_TEXT = {
  EDIT: { zh: '可直接修改备案信息', en: 'The order can be edited now' },
  REVOKE_THEN_EDIT: {
    zh: '单击【撤销备案】/【返回修改】后修改信息，完成修改后单击【重新提交备案】',
    en: 'Click 撤销备案/返回修改, edit, then resubmit (重新提交备案)',
  },
  WAIT_FOR_INITIAL_REVIEW: {
    zh: '请等待初审结果；初审驳回后可撤销备案修改信息',
    en: 'Wait for the initial review; after a rejection the order can be reopened for editing',
  },
  PHOTOS_ONLY_OR_ABANDON: {
    zh: '初审已通过，只能上传或替换幕布照片；修改其他信息需【放弃备案】后重新填写，或待备案完成后办理变更备案',
    en: 'Initial review has passed: only curtain photos can change; to change anything else, abandon and re-create the order, or file a change after approval',
  },
  WAIT_FOR_RE_REVIEW_OR_ABANDON: {
    zh: '照片复审中，请等待复审结果；修改其他信息需【放弃备案】后重新填写',
    en: 'The photos are under re-review; to change anything else, abandon and re-create the order',
  },
  LOCKED_AT_BUREAU: {
    zh: '备案已提交管局，处于锁定状态，请等待管局审核结果',
    en: 'The order is locked at the bureau; wait for its decision',
  },
  CHANGE_ORDER: { zh: '备案已完成，如需修改请办理变更备案', en: 'The filing is complete; use a change order' },
  NEW_ORDER: { zh: '订单已结束，请重新提交备案', en: 'The order is over; create a new order' },
} as const satisfies Record<ModificationPath, LocalizedText>;

/** Whether 「放弃备案」 is offered in a state (R-ORD-015: every non-terminal state except PENDING_BUREAU). */
export function mayAbandon(state: OrderState): boolean {
  return STATE_INFO[state].abandonable;
}
