import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  type CallRecord,
  callStatus,
  judgeNewCall,
  normalizeMobile,
  RETRY_AFTER_MS,
  rejectsForUnreachable,
} from './calls.ts';

const T0 = Date.parse('2026-11-02T09:00:00+08:00');
const call = (attempt: number, outcome: string, at: number, roundSeq = 3, calleeKey = 'k1'): CallRecord => ({
  attempt,
  outcome,
  at,
  roundSeq,
  calleeKey,
});

describe('confirmation call policy', () => {
  it('FAQ R-ORD-018: a second missed attempt at least 2 hours after the first rejects the order', () => {
    const one = callStatus([call(1, 'unreached', T0)], { roundSeq: 3, principalKey: 'k1' });
    assert.equal(one.failedInRound, 1);
    assert.equal(one.unreachedRejectionAllowed, false);
    assert.equal(judgeNewCall(one, 'unreached', T0 + RETRY_AFTER_MS - 1), 'CALL_RETRY_TOO_SOON');
    assert.equal(judgeNewCall(one, 'unreached', T0 + RETRY_AFTER_MS), null);
    assert.equal(judgeNewCall(one, 'reached', T0 + 60_000), null, 'a principal calling back is logged at once');
    const two = callStatus([call(1, 'unreached', T0), call(2, 'unreached', T0 + RETRY_AFTER_MS)], {
      roundSeq: 3,
      principalKey: 'k1',
    });
    assert.equal(rejectsForUnreachable(two, 'unreached'), true);
    assert.equal(two.unreachedRejectionAllowed, true);
    assert.equal(judgeNewCall(two, 'reached', T0 + 3 * RETRY_AFTER_MS), 'CALL_ROUND_DECIDED');
  });

  it('R-ORD-018: a reached call confirms only the principal whose number was called, in any round', () => {
    const calls = [call(1, 'reached', T0, 3, 'k1')];
    assert.equal(
      callStatus(calls, { roundSeq: 9, principalKey: 'k1' }).confirmed,
      true,
      'a resubmission keeps the person',
    );
    assert.equal(
      callStatus(calls, { roundSeq: 9, principalKey: 'k2' }).confirmed,
      false,
      'a new principal is called again',
    );
    assert.equal(callStatus(calls, { roundSeq: 9, principalKey: null }).confirmed, false);
  });

  it('misses of an earlier round do not count toward this round', () => {
    const s = callStatus([call(1, 'unreached', T0, 3), call(2, 'unreached', T0 + RETRY_AFTER_MS, 3)], {
      roundSeq: 7,
      principalKey: 'k1',
    });
    assert.equal(s.failedInRound, 0);
    assert.equal(s.roundAttempts, 0);
    assert.equal(
      judgeNewCall(s, 'unreached', T0 + RETRY_AFTER_MS + 1),
      null,
      'no wait carried over from the last round',
    );
  });

  it('a reached call in the round means a later miss does not reject', () => {
    const s = callStatus(
      [call(1, 'unreached', T0), call(2, 'reached', T0 + 1000), call(3, 'unreached', T0 + RETRY_AFTER_MS * 2)],
      { roundSeq: 3, principalKey: 'k1' },
    );
    assert.equal(rejectsForUnreachable(s, 'unreached'), false);
  });

  it('one number, one key however it is written', () => {
    assert.equal(normalizeMobile('+86 138-0013-8000'), '13800138000');
    assert.equal(normalizeMobile('0086 13800138000'), '13800138000');
    assert.equal(normalizeMobile('138 0013 8000'), '13800138000');
  });
});
