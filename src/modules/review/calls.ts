/**
 * The confirmation call (审核确认电话, R-ORD-018) as a pure policy: which attempts count, when the next failed attempt
 * may be logged, whether the principal is confirmed, and when the order is rejected for being unreachable.
 */

/** reached = the principal answered and confirmed the filing; not_confirmed = answered but did not confirm it. */
export const CALL_OUTCOMES = ['reached', 'unreached', 'not_confirmed'] as const;
export type CallOutcome = (typeof CALL_OUTCOMES)[number];

/** R-ORD-018 (interp.): a second attempt is made later, at least 2 hours after a missed one. */
export const RETRY_AFTER_MS = 2 * 60 * 60 * 1000;
/** R-ORD-018: "if both fail" — two missed attempts in a review round. */
export const FAILED_ATTEMPTS_TO_REJECT = 2;

export interface CallRecord {
  attempt: number;
  outcome: string;
  at: number;
  /** The initial-review round (seq of the order event that opened it). */
  roundSeq: number | null;
  /** Blind index of the number called. */
  calleeKey: string | null;
}

export interface CallStatus {
  /** Attempts logged in the current round. */
  roundAttempts: number;
  failedInRound: number;
  reachedInRound: boolean;
  /** A call reached the principal whose number is on the order now (any round: a resubmission keeps the person). */
  confirmed: boolean;
  /** The earliest instant another missed attempt may be logged; null when no wait applies. */
  retryAllowedAt: number | null;
  /** R-ORD-018: rejecting with CONFIRMATION_CALL_UNREACHED is allowed only after two recorded failed attempts. */
  unreachedRejectionAllowed: boolean;
}

export function callStatus(
  calls: readonly CallRecord[],
  ctx: { roundSeq: number | null; principalKey: string | null },
): CallStatus {
  const round = ctx.roundSeq === null ? [] : calls.filter((c) => c.roundSeq === ctx.roundSeq);
  const failed = round.filter((c) => c.outcome === 'unreached').sort((a, b) => a.at - b.at);
  const lastFailed = failed.at(-1);
  return {
    roundAttempts: round.length,
    failedInRound: failed.length,
    reachedInRound: round.some((c) => c.outcome === 'reached'),
    confirmed:
      ctx.principalKey !== null && calls.some((c) => c.outcome === 'reached' && c.calleeKey === ctx.principalKey),
    retryAllowedAt: lastFailed ? lastFailed.at + RETRY_AFTER_MS : null,
    unreachedRejectionAllowed: failed.length >= FAILED_ATTEMPTS_TO_REJECT,
  };
}

export type CallRefusal = 'CALL_RETRY_TOO_SOON' | 'CALL_ROUND_DECIDED';

/**
 * Whether a new attempt may be logged now. A missed attempt right after another would let a reviewer reach the
 * rejection threshold with two rings a minute apart, so it must wait RETRY_AFTER_MS; a reached call may come at any
 * time (the principal calling back). Once the order would already be rejected for two misses, nothing more is logged.
 */
export function judgeNewCall(status: CallStatus, outcome: CallOutcome, now: number): CallRefusal | null {
  if (status.failedInRound >= FAILED_ATTEMPTS_TO_REJECT && !status.reachedInRound) return 'CALL_ROUND_DECIDED';
  if (outcome === 'unreached' && status.retryAllowedAt !== null && now < status.retryAllowedAt)
    return 'CALL_RETRY_TOO_SOON';
  return null;
}

/** After logging `outcome`: the second missed attempt of a round with no reached call rejects the order (R-ORD-018). */
export function rejectsForUnreachable(after: CallStatus, outcome: CallOutcome): boolean {
  return outcome === 'unreached' && after.failedInRound >= FAILED_ATTEMPTS_TO_REJECT && !after.reachedInRound;
}

/** Digits only, without a +86/0086 prefix: one number, one blind index however it was typed. */
export function normalizeMobile(mobile: string): string {
  return mobile.replace(/\D/g, '').replace(/^(0086|86)(?=1\d{10}$)/, '');
}
