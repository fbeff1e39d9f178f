import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { httpStatusOf } from '../../../platform/errors.ts';
import type { OrderType } from './order-types.ts';
import { refusalToError } from './refusals.ts';
import { ORDER_STATES, type OrderState } from './states.ts';
import {
  type Accepted,
  type AccessEffect,
  allowedEvents,
  type Decision,
  decide,
  decideCreate,
  INITIAL_FLAGS,
  listTransitions,
  ORDER_EVENT_TYPES,
  type OrderEvent,
  type OrderEventType,
  type OrderFlags,
  type OrderSnapshot,
  ROLES,
  type Role,
  TRANSITIONS,
} from './transitions.ts';

const DAY = 24 * 60 * 60 * 1000;
const ENTERED = new Date('2018-11-05T02:00:00Z'); // 2018-11-05 10:00 Asia/Shanghai (§15)

function order(over: Partial<Omit<OrderSnapshot, 'flags'>> & { flags?: Partial<OrderFlags> } = {}): OrderSnapshot {
  const { flags, ...rest } = over;
  return {
    type: 'FIRST',
    state: 'DRAFT',
    stateEnteredAt: ENTERED,
    initiator: 'customer',
    authCodeId: null,
    bureauWorkingDays: 20,
    curtainPhotosComplete: true,
    openBlockingViolations: 0,
    ...rest,
    flags: { ...INITIAL_FLAGS, ...flags },
  };
}

/** An event with data that passes the event's own checks. */
function event(type: OrderEventType): OrderEvent {
  switch (type) {
    case 'EDIT':
      return { type, sections: ['WEBSITES'] };
    case 'EXPIRE_45D':
      return { type, at: new Date(ENTERED.getTime() + 45 * DAY) };
    case 'INITIAL_REJECT':
    case 'RE_REVIEW_REJECT':
      return { type, reasons: ['WEBSITE_INFO_INCOMPLETE'] };
    case 'BUREAU_REJECT':
      return { type, reasons: ['WEBSITE_NAME_INVALID'], photoFlagged: false };
    default:
      return { type };
  }
}

/** A snapshot in `state` whose order-level guards let `type` through. */
function fixture(state: OrderState, type: OrderEventType): OrderSnapshot {
  if (type === 'SERVER_RENEWED') return order({ state, flags: { serverExpired: true } });
  if (type === 'EDIT') return order({ state, flags: { editUnlocked: true } });
  return order({ state });
}

function accepted(d: Decision): Accepted {
  if (!d.ok) assert.fail(`expected acceptance, got ${d.code}`);
  return d;
}

function refused(d: Decision, code: string): void {
  assert.equal(d.ok, false, `expected refusal ${code}`);
  if (!d.ok) assert.equal(d.code, code);
}

// ------------------------------------------------------------------------------------------------------------------
// The truth table, written out from requirements.md §17 and R-ORD-014 — independently of transitions.ts.
// ------------------------------------------------------------------------------------------------------------------

/** Every role that may ever trigger each event. */
const EVENT_ROLES: Record<OrderEventType, readonly Role[]> = {
  SUBMIT: ['customer'],
  RESUBMIT: ['customer'],
  REVOKE: ['customer'],
  EDIT: ['customer'],
  UPLOAD_PHOTO: ['customer', 'photo_agent', 'reviewer'],
  SUBMIT_PHOTOS: ['customer', 'photo_agent'],
  ABANDON: ['customer'],
  EXPIRE_45D: ['system'],
  INITIAL_APPROVE: ['reviewer'],
  INITIAL_REJECT: ['reviewer'],
  RE_REVIEW_APPROVE: ['reviewer'],
  RE_REVIEW_REJECT: ['reviewer'],
  BUREAU_APPROVE: ['bureau'],
  BUREAU_REJECT: ['bureau'],
  SERVER_EXPIRED: ['system'],
  SERVER_RENEWED: ['system'],
};

type Expect = { to: OrderState; roles?: readonly Role[] } | { code: string };
const go = (to: OrderState, roles?: readonly Role[]): Expect => (roles ? { to, roles } : { to });
const no = (code: string): Expect => ({ code });
const X = no('EVENT_NOT_ALLOWED_IN_STATE');
const CLOSED = no('ORDER_CLOSED');
const LOCKED = no('ORDER_LOCKED_AT_BUREAU');

const REVIEWS_NOT_HERE = {
  INITIAL_APPROVE: X,
  INITIAL_REJECT: X,
  RE_REVIEW_APPROVE: X,
  RE_REVIEW_REJECT: X,
  BUREAU_APPROVE: X,
  BUREAU_REJECT: X,
};

const TERMINAL: Record<OrderEventType, Expect> = {
  SUBMIT: CLOSED,
  RESUBMIT: CLOSED,
  REVOKE: CLOSED,
  EDIT: CLOSED,
  UPLOAD_PHOTO: CLOSED,
  SUBMIT_PHOTOS: CLOSED,
  ABANDON: CLOSED,
  EXPIRE_45D: CLOSED,
  INITIAL_APPROVE: CLOSED,
  INITIAL_REJECT: CLOSED,
  RE_REVIEW_APPROVE: CLOSED,
  RE_REVIEW_REJECT: CLOSED,
  BUREAU_APPROVE: CLOSED,
  BUREAU_REJECT: CLOSED,
  SERVER_EXPIRED: CLOSED,
  SERVER_RENEWED: CLOSED,
};

const EXPECTED: Record<OrderState, Record<OrderEventType, Expect>> = {
  DRAFT: {
    SUBMIT: go('PENDING_INITIAL_REVIEW'),
    RESUBMIT: X,
    REVOKE: no('ORDER_ALREADY_EDITABLE'),
    EDIT: go('DRAFT'),
    UPLOAD_PHOTO: no('PHOTO_UPLOAD_NOT_OPEN'),
    SUBMIT_PHOTOS: X,
    ABANDON: go('ABANDONED'),
    EXPIRE_45D: go('EXPIRED'),
    ...REVIEWS_NOT_HERE,
    SERVER_EXPIRED: go('DRAFT'),
    SERVER_RENEWED: go('DRAFT'),
  },
  PENDING_INITIAL_REVIEW: {
    SUBMIT: X,
    RESUBMIT: X,
    REVOKE: no('WAIT_FOR_INITIAL_REVIEW'),
    EDIT: no('WAIT_FOR_INITIAL_REVIEW'),
    UPLOAD_PHOTO: no('WAIT_FOR_INITIAL_REVIEW'),
    SUBMIT_PHOTOS: X,
    ABANDON: go('ABANDONED'),
    EXPIRE_45D: go('EXPIRED'),
    ...REVIEWS_NOT_HERE,
    INITIAL_APPROVE: go('PHOTO_PENDING'),
    INITIAL_REJECT: go('INITIAL_REJECTED'),
    SERVER_EXPIRED: go('PENDING_INITIAL_REVIEW'),
    SERVER_RENEWED: go('PENDING_INITIAL_REVIEW'),
  },
  INITIAL_REJECTED: {
    SUBMIT: X,
    RESUBMIT: go('PENDING_INITIAL_REVIEW'),
    REVOKE: go('INITIAL_REJECTED'),
    EDIT: go('INITIAL_REJECTED'),
    UPLOAD_PHOTO: no('PHOTO_UPLOAD_NOT_OPEN'),
    SUBMIT_PHOTOS: X,
    ABANDON: go('ABANDONED'),
    EXPIRE_45D: go('EXPIRED'),
    ...REVIEWS_NOT_HERE,
    SERVER_EXPIRED: go('INITIAL_REJECTED'),
    SERVER_RENEWED: go('INITIAL_REJECTED'),
  },
  PHOTO_PENDING: {
    SUBMIT: X,
    RESUBMIT: X,
    REVOKE: no('ABANDON_TO_MODIFY'),
    EDIT: no('ABANDON_TO_MODIFY'),
    UPLOAD_PHOTO: go('PHOTO_PENDING'),
    SUBMIT_PHOTOS: go('PENDING_RE_REVIEW', ['customer', 'photo_agent']),
    ABANDON: go('ABANDONED'),
    EXPIRE_45D: go('EXPIRED'),
    ...REVIEWS_NOT_HERE,
    SERVER_EXPIRED: go('PHOTO_PENDING'),
    SERVER_RENEWED: go('PHOTO_PENDING'),
  },
  PENDING_RE_REVIEW: {
    SUBMIT: X,
    RESUBMIT: X,
    REVOKE: no('ABANDON_TO_MODIFY'),
    EDIT: no('ABANDON_TO_MODIFY'),
    UPLOAD_PHOTO: no('WAIT_FOR_RE_REVIEW'),
    SUBMIT_PHOTOS: X,
    ABANDON: go('ABANDONED'),
    EXPIRE_45D: go('EXPIRED'),
    ...REVIEWS_NOT_HERE,
    RE_REVIEW_APPROVE: go('PENDING_BUREAU'),
    RE_REVIEW_REJECT: go('RE_REVIEW_REJECTED'),
    SERVER_EXPIRED: go('PENDING_RE_REVIEW'),
    SERVER_RENEWED: go('PENDING_RE_REVIEW'),
  },
  RE_REVIEW_REJECTED: {
    SUBMIT: X,
    RESUBMIT: X,
    REVOKE: no('ABANDON_TO_MODIFY'),
    EDIT: no('ABANDON_TO_MODIFY'),
    UPLOAD_PHOTO: go('RE_REVIEW_REJECTED'),
    // T16: the table names the customer only.
    SUBMIT_PHOTOS: go('PENDING_RE_REVIEW', ['customer']),
    ABANDON: go('ABANDONED'),
    EXPIRE_45D: go('EXPIRED'),
    ...REVIEWS_NOT_HERE,
    SERVER_EXPIRED: go('RE_REVIEW_REJECTED'),
    SERVER_RENEWED: go('RE_REVIEW_REJECTED'),
  },
  PENDING_BUREAU: {
    SUBMIT: X,
    RESUBMIT: LOCKED,
    REVOKE: LOCKED,
    EDIT: LOCKED,
    UPLOAD_PHOTO: LOCKED,
    SUBMIT_PHOTOS: X,
    ABANDON: LOCKED,
    EXPIRE_45D: no('STEP_TIMER_EXEMPT'),
    ...REVIEWS_NOT_HERE,
    BUREAU_APPROVE: go('APPROVED'),
    BUREAU_REJECT: go('BUREAU_REJECTED'),
    SERVER_EXPIRED: go('PENDING_BUREAU'),
    SERVER_RENEWED: go('PENDING_BUREAU'),
  },
  BUREAU_REJECTED: {
    SUBMIT: X,
    RESUBMIT: go('PENDING_INITIAL_REVIEW'),
    REVOKE: go('BUREAU_REJECTED'),
    EDIT: go('BUREAU_REJECTED'),
    UPLOAD_PHOTO: no('PHOTO_UPLOAD_NOT_OPEN'),
    SUBMIT_PHOTOS: X,
    ABANDON: go('ABANDONED'),
    EXPIRE_45D: go('EXPIRED'),
    ...REVIEWS_NOT_HERE,
    SERVER_EXPIRED: go('BUREAU_REJECTED'),
    SERVER_RENEWED: go('BUREAU_REJECTED'),
  },
  APPROVED: TERMINAL,
  ABANDONED: TERMINAL,
  EXPIRED: TERMINAL,
};

describe('R-ORD-001 §17.2 truth table: every state × every event × every role', () => {
  for (const state of ORDER_STATES) {
    for (const ev of ORDER_EVENT_TYPES) {
      test(`${state} × ${ev}`, () => {
        const expected = EXPECTED[state][ev];
        for (const role of ROLES) {
          const d = decide(fixture(state, ev), event(ev), { role });
          const everAllowed = EVENT_ROLES[ev].includes(role);
          if (!everAllowed) {
            refused(d, 'ROLE_NOT_ALLOWED');
          } else if ('code' in expected) {
            refused(d, expected.code);
          } else if (!(expected.roles ?? EVENT_ROLES[ev]).includes(role)) {
            refused(d, 'ROLE_NOT_ALLOWED');
          } else {
            assert.equal(accepted(d).to, expected.to, `${role}`);
          }
        }
      });
    }
  }

  test('R-ORD-001: the table has a row for each of the 11 states and nothing else', () => {
    assert.deepEqual(Object.keys(TRANSITIONS).sort(), [...ORDER_STATES].sort());
  });
});

// ------------------------------------------------------------------------------------------------------------------
// Access effects of T01–T24 (§17.2 access column)
// ------------------------------------------------------------------------------------------------------------------

const U = 'UNCHANGED' as const;
const CHG_U = { kept: U, added: U, removed: U };
const NONE: AccessEffect = { NEW: U, ACC: U, CHG: CHG_U, CXL: U };
const ACC_REVOKED: AccessEffect = { NEW: U, ACC: 'BLOCKED', CHG: CHG_U, CXL: U };

/** [T, from state, event, order type for the routing, expected effect] */
const ACCESS_BY_TRANSITION: [string, OrderState, OrderEventType, OrderType, AccessEffect][] = [
  ['T02', 'DRAFT', 'SUBMIT', 'ACCESS', NONE],
  ['T03', 'DRAFT', 'ABANDON', 'ACCESS', NONE],
  ['T04', 'DRAFT', 'EXPIRE_45D', 'ACCESS', NONE],
  [
    'T05',
    'PENDING_INITIAL_REVIEW',
    'INITIAL_APPROVE',
    'ACCESS',
    { NEW: 'BLOCKED', ACC: 'TEMPORARY', CHG: CHG_U, CXL: U },
  ],
  ['T06', 'PENDING_INITIAL_REVIEW', 'INITIAL_APPROVE', 'CANCEL_WEBSITE', NONE],
  ['T07', 'PENDING_INITIAL_REVIEW', 'INITIAL_REJECT', 'ACCESS', NONE],
  ['T08', 'PENDING_INITIAL_REVIEW', 'ABANDON', 'ACCESS', ACC_REVOKED],
  ['T09', 'INITIAL_REJECTED', 'RESUBMIT', 'ACCESS', NONE],
  ['T10', 'INITIAL_REJECTED', 'ABANDON', 'ACCESS', ACC_REVOKED],
  ['T10', 'INITIAL_REJECTED', 'EXPIRE_45D', 'ACCESS', ACC_REVOKED],
  ['T11', 'PHOTO_PENDING', 'SUBMIT_PHOTOS', 'ACCESS', NONE],
  ['T12', 'PHOTO_PENDING', 'ABANDON', 'ACCESS', ACC_REVOKED],
  ['T12', 'PHOTO_PENDING', 'EXPIRE_45D', 'ACCESS', ACC_REVOKED],
  ['T13', 'PENDING_RE_REVIEW', 'RE_REVIEW_APPROVE', 'ACCESS', NONE],
  ['T14', 'PENDING_RE_REVIEW', 'RE_REVIEW_REJECT', 'ACCESS', NONE],
  ['T15', 'PENDING_RE_REVIEW', 'ABANDON', 'ACCESS', ACC_REVOKED],
  ['T16', 'RE_REVIEW_REJECTED', 'SUBMIT_PHOTOS', 'ACCESS', NONE],
  ['T17', 'RE_REVIEW_REJECTED', 'ABANDON', 'ACCESS', ACC_REVOKED],
  ['T17', 'RE_REVIEW_REJECTED', 'EXPIRE_45D', 'ACCESS', ACC_REVOKED],
  [
    'T18',
    'PENDING_BUREAU',
    'BUREAU_APPROVE',
    'ACCESS',
    { NEW: 'ALLOWED', ACC: 'ALLOWED', CHG: { kept: U, added: 'ALLOWED', removed: 'BLOCKED' }, CXL: 'BLOCKED' },
  ],
  ['T19', 'PENDING_BUREAU', 'BUREAU_REJECT', 'ACCESS', NONE],
  ['T21', 'BUREAU_REJECTED', 'RESUBMIT', 'ACCESS', NONE],
  ['T22', 'BUREAU_REJECTED', 'ABANDON', 'ACCESS', ACC_REVOKED],
  ['T22', 'BUREAU_REJECTED', 'EXPIRE_45D', 'ACCESS', ACC_REVOKED],
  ['T23', 'PHOTO_PENDING', 'SERVER_EXPIRED', 'ACCESS', NONE],
  ['T23', 'PENDING_BUREAU', 'SERVER_EXPIRED', 'ACCESS', NONE],
  ['T24', 'PENDING_INITIAL_REVIEW', 'EXPIRE_45D', 'ACCESS', ACC_REVOKED],
  ['T24', 'PENDING_RE_REVIEW', 'EXPIRE_45D', 'ACCESS', ACC_REVOKED],
];

describe('§17.2 access column per transition (R-ACS-006..010)', () => {
  for (const [t, state, ev, type, effect] of ACCESS_BY_TRANSITION) {
    test(`${t} ${state} × ${ev}: access effect`, () => {
      const role = EVENT_ROLES[ev][0];
      const d = accepted(decide(order({ type, state }), event(ev), { role }));
      assert.equal(d.transition, t);
      assert.deepEqual(d.accessEffect, effect);
    });
  }

  test('T01 create: NEW and ACC blocked, CHG and CXL unchanged', () => {
    const d = accepted(
      decideCreate(
        { type: 'ACCESS', initiator: 'customer', authCodeId: null, bureauWorkingDays: 20 },
        { role: 'customer' },
      ),
    );
    assert.equal(d.transition, 'T01');
    assert.equal(d.to, 'DRAFT');
    assert.deepEqual(d.accessEffect, { NEW: 'BLOCKED', ACC: 'BLOCKED', CHG: CHG_U, CXL: U });
    assert.deepEqual(d.access, { group: 'ACC', domains: 'BLOCKED' });
  });

  test('T20 PENDING_BUREAU: the customer’s edit and abandon are refused with ORDER_LOCKED_AT_BUREAU, citing T20', () => {
    for (const ev of ['EDIT', 'ABANDON'] as const) {
      const d = decide(order({ state: 'PENDING_BUREAU' }), event(ev), { role: 'customer' });
      refused(d, 'ORDER_LOCKED_AT_BUREAU');
      if (!d.ok) assert.equal(d.transition, 'T20');
    }
  });

  test('every catalogue transition except the refusal T20 is in the table', () => {
    const ids = new Set<string>(listTransitions().map((r) => r.transition ?? '–'));
    for (let i = 1; i <= 24; i++) {
      const t = `T${String(i).padStart(2, '0')}`;
      assert.equal(ids.has(t), t !== 'T20', t);
    }
  });

  test('R-ACS-009: a change order’s resolved access: kept domains unchanged, added allowed, removed blocked', () => {
    const d = accepted(
      decide(order({ type: 'CHANGE_WEBSITE', state: 'PENDING_BUREAU' }), event('BUREAU_APPROVE'), { role: 'bureau' }),
    );
    assert.deepEqual(d.access, { group: 'CHG', kept: 'UNCHANGED', added: 'ALLOWED', removed: 'BLOCKED' });
  });

  test('R-ACS-010: an approved cancellation blocks its target domains', () => {
    for (const type of ['CANCEL_SUBJECT', 'CANCEL_WEBSITE', 'CANCEL_ACCESS'] as const) {
      const d = accepted(decide(order({ type, state: 'PENDING_BUREAU' }), event('BUREAU_APPROVE'), { role: 'bureau' }));
      assert.deepEqual(d.access, { group: 'CXL', domains: 'BLOCKED' });
    }
  });

  test('R-ACS-008: NEW domains stay blocked through every step until approval', () => {
    const d = accepted(
      decide(order({ state: 'PENDING_INITIAL_REVIEW' }), event('INITIAL_APPROVE'), { role: 'reviewer' }),
    );
    assert.deepEqual(d.access, { group: 'NEW', domains: 'BLOCKED' });
    const approved = accepted(decide(order({ state: 'PENDING_BUREAU' }), event('BUREAU_APPROVE'), { role: 'bureau' }));
    assert.deepEqual(approved.access, { group: 'NEW', domains: 'ALLOWED' });
  });
});

// ------------------------------------------------------------------------------------------------------------------
// Guards, routing, flags, timers, authorisation codes
// ------------------------------------------------------------------------------------------------------------------

describe('guards', () => {
  test('T23 R-ACC-013: with SERVER_EXPIRED flagged, neither initial review nor photo re-review can pass', () => {
    const flags = { serverExpired: true };
    refused(
      decide(order({ state: 'PENDING_INITIAL_REVIEW', flags }), event('INITIAL_APPROVE'), { role: 'reviewer' }),
      'SERVER_EXPIRED_FLAG',
    );
    refused(
      decide(order({ state: 'PENDING_RE_REVIEW', flags }), event('RE_REVIEW_APPROVE'), { role: 'reviewer' }),
      'SERVER_EXPIRED_FLAG',
    );
    // …but the reviewer can still reject (reason SERVER_INVALID).
    const rej = decide(
      order({ state: 'PENDING_INITIAL_REVIEW', flags }),
      { type: 'INITIAL_REJECT', reasons: ['SERVER_INVALID'] },
      { role: 'reviewer' },
    );
    assert.equal(accepted(rej).to, 'INITIAL_REJECTED');
  });

  test('T23 R-ACC-013: the flag is set once by expiry and cleared by renewal; repeats are refused', () => {
    const set = accepted(decide(order({ state: 'PHOTO_PENDING' }), event('SERVER_EXPIRED'), { role: 'system' }));
    assert.deepEqual(set.flags, { serverExpired: true });
    assert.deepEqual(set.notify, ['R-NTF-010']);
    assert.equal(set.stateChanged, false);
    refused(
      decide(order({ state: 'PHOTO_PENDING', flags: { serverExpired: true } }), event('SERVER_EXPIRED'), {
        role: 'system',
      }),
      'SERVER_ALREADY_FLAGGED',
    );
    refused(
      decide(order({ state: 'PHOTO_PENDING' }), event('SERVER_RENEWED'), { role: 'system' }),
      'SERVER_NOT_FLAGGED',
    );
    const renewed = accepted(
      decide(order({ state: 'PHOTO_PENDING', flags: { serverExpired: true } }), event('SERVER_RENEWED'), {
        role: 'system',
      }),
    );
    assert.deepEqual(renewed.flags, { serverExpired: false });
  });

  test('T23: a terminal order takes no server flag', () => {
    refused(decide(order({ state: 'APPROVED' }), event('SERVER_EXPIRED'), { role: 'system' }), 'ORDER_CLOSED');
  });

  test('R-REJ-001: a rejection without a reason is refused at every stage', () => {
    refused(
      decide(order({ state: 'PENDING_INITIAL_REVIEW' }), { type: 'INITIAL_REJECT', reasons: [] }, { role: 'reviewer' }),
      'REJECTION_REASON_REQUIRED',
    );
    refused(
      decide(order({ state: 'PENDING_RE_REVIEW' }), { type: 'RE_REVIEW_REJECT', reasons: [] }, { role: 'reviewer' }),
      'REJECTION_REASON_REQUIRED',
    );
    refused(
      decide(
        order({ state: 'PENDING_BUREAU' }),
        { type: 'BUREAU_REJECT', reasons: [], photoFlagged: false },
        { role: 'bureau' },
      ),
      'REJECTION_REASON_REQUIRED',
    );
  });

  test('R-ORD-026: expiry needs 45 × 24 h in the current state; one minute earlier it is refused', () => {
    const o = order({ state: 'PHOTO_PENDING' });
    const early = new Date(ENTERED.getTime() + 45 * DAY - 60_000);
    refused(decide(o, { type: 'EXPIRE_45D', at: early }, { role: 'system' }), 'STEP_NOT_EXPIRED');
    const due = new Date(ENTERED.getTime() + 45 * DAY);
    assert.equal(accepted(decide(o, { type: 'EXPIRE_45D', at: due }, { role: 'system' })).to, 'EXPIRED');
  });

  test('R-ORD-003 T02/T09/T21: submission with open blocking violations is refused, naming the count', () => {
    for (const [state, ev] of [
      ['DRAFT', 'SUBMIT'],
      ['INITIAL_REJECTED', 'RESUBMIT'],
      ['BUREAU_REJECTED', 'RESUBMIT'],
    ] as const) {
      const d = decide(order({ state, openBlockingViolations: 3 }), event(ev), { role: 'customer' });
      refused(d, 'RULE_VIOLATIONS_OPEN');
      if (!d.ok) assert.match(d.message.zh, /3 项/);
    }
  });

  test('R-ORD-014: a rejected order is edited only after 撤销备案/返回修改; revoking twice is refused', () => {
    for (const state of ['INITIAL_REJECTED', 'BUREAU_REJECTED'] as const) {
      refused(decide(order({ state }), event('EDIT'), { role: 'customer' }), 'REVOKE_TO_MODIFY');
      const revoked = accepted(decide(order({ state }), event('REVOKE'), { role: 'customer' }));
      assert.deepEqual(revoked.flags, { editUnlocked: true });
      assert.equal(revoked.auditType, 'ORDER_REVOKED_FOR_EDIT');
      refused(
        decide(order({ state, flags: { editUnlocked: true } }), event('REVOKE'), { role: 'customer' }),
        'ORDER_ALREADY_EDITABLE',
      );
    }
  });

  test('R-ORD-014: resubmitting closes editing again', () => {
    const d = accepted(
      decide(order({ state: 'INITIAL_REJECTED', flags: { editUnlocked: true } }), event('RESUBMIT'), {
        role: 'customer',
      }),
    );
    assert.equal(d.flags.editUnlocked, false);
  });

  test('R-SUB-029 R-ORD-029: read-only sections are refused even in DRAFT', () => {
    refused(
      decide(order({ type: 'ACCESS' }), { type: 'EDIT', sections: ['WEBSITES'] }, { role: 'customer' }),
      'ACCESS_DATA_READ_ONLY',
    );
    refused(
      decide(order({ type: 'ADD_WEBSITE' }), { type: 'EDIT', sections: ['SUBJECT'] }, { role: 'customer' }),
      'CHANGE_REQUIRED',
    );
    assert.equal(
      accepted(decide(order({ type: 'ADD_WEBSITE' }), { type: 'EDIT', sections: ['WEBSITES'] }, { role: 'customer' }))
        .to,
      'DRAFT',
    );
  });
});

describe('routing after initial review (R-ORD-019, R-REJ-004)', () => {
  test('R-ORD-019: CANCEL_* skip the photo step and go to the bureau (T06) with a bureau submission', () => {
    for (const type of ['CANCEL_SUBJECT', 'CANCEL_WEBSITE', 'CANCEL_ACCESS'] as const) {
      const d = accepted(
        decide(order({ type, state: 'PENDING_INITIAL_REVIEW' }), event('INITIAL_APPROVE'), { role: 'reviewer' }),
      );
      assert.equal(d.transition, 'T06');
      assert.equal(d.to, 'PENDING_BUREAU');
      assert.deepEqual(d.effects, ['SUBMIT_TO_BUREAU']);
    }
  });

  test('R-ORD-019: photo types go to PHOTO_PENDING (T05) and get the curtain-photo notice', () => {
    for (const type of [
      'FIRST',
      'ADD_WEBSITE',
      'ACCESS',
      'CHANGE_SUBJECT',
      'CHANGE_WEBSITE',
      'CHANGE_ACCESS',
    ] as const) {
      const d = accepted(
        decide(order({ type, state: 'PENDING_INITIAL_REVIEW' }), event('INITIAL_APPROVE'), { role: 'reviewer' }),
      );
      assert.equal(d.transition, 'T05');
      assert.equal(d.to, 'PHOTO_PENDING');
      assert.deepEqual(d.notify, ['R-NTF-004']);
      assert.equal(d.flags.initialReviewPassed, true);
    }
  });

  test('R-ORD-021 T13: photo re-review pass records the approved photo and submits to the bureau', () => {
    const d = accepted(decide(order({ state: 'PENDING_RE_REVIEW' }), event('RE_REVIEW_APPROVE'), { role: 'reviewer' }));
    assert.equal(d.flags.photoApproved, true);
    assert.deepEqual(d.effects, ['SUBMIT_TO_BUREAU']);
  });

  test('R-REJ-004: a bureau rejection that flags the photo sends the resubmission through the photo step again', () => {
    const flagged = accepted(
      decide(
        order({ state: 'PENDING_BUREAU', flags: { photoApproved: true } }),
        { type: 'BUREAU_REJECT', reasons: ['PHOTO_SEASON'], photoFlagged: true },
        { role: 'bureau' },
      ),
    );
    assert.deepEqual(flagged.flags, { photoApproved: false });
    const unflagged = accepted(
      decide(order({ state: 'PENDING_BUREAU', flags: { photoApproved: true } }), event('BUREAU_REJECT'), {
        role: 'bureau',
      }),
    );
    assert.deepEqual(unflagged.flags, {});
    assert.deepEqual(unflagged.notify, ['R-NTF-003', 'R-NTF-020']);
  });

  test('R-REJ-004: after an initial rejection that follows a bureau rejection, the approved photo still skips the photo step', () => {
    const d = accepted(
      decide(
        order({ state: 'PENDING_INITIAL_REVIEW', flags: { photoApproved: true, initialReviewPassed: true } }),
        event('INITIAL_APPROVE'),
        { role: 'reviewer' },
      ),
    );
    assert.equal(d.to, 'PENDING_BUREAU');
  });

  test('R-NTF-012/013/020: approval notifications depend on the type', () => {
    const n = (type: OrderType) =>
      accepted(decide(order({ type, state: 'PENDING_BUREAU' }), event('BUREAU_APPROVE'), { role: 'bureau' })).notify;
    assert.deepEqual(n('FIRST'), ['R-NTF-012', 'R-NTF-020']);
    assert.deepEqual(n('CANCEL_ACCESS'), ['R-NTF-013', 'R-NTF-020']);
    assert.deepEqual(n('CANCEL_SUBJECT'), ['R-NTF-020']);
  });
});

describe('timers (R-ORD-017, R-ORD-021, R-ORD-022, R-ORD-026, R-NTF-011)', () => {
  test('entering initial review: 45-day step timer, 7-day warning, 1-WD SLA; DRAFT’s timers cleared', () => {
    const d = accepted(decide(order({ state: 'DRAFT' }), event('SUBMIT'), { role: 'customer' }));
    assert.deepEqual(d.timers.set, [
      { kind: 'STEP_EXPIRY', due: { calendarDays: 45 } },
      { kind: 'STEP_EXPIRY_WARNING', due: { calendarDays: 38 } },
      { kind: 'INITIAL_REVIEW_SLA', due: { workingDays: 1 } },
    ]);
    assert.deepEqual(d.timers.clear, ['STEP_EXPIRY', 'STEP_EXPIRY_WARNING']);
  });

  test('R-ORD-026: PENDING_BUREAU has no step timer, only the expected decision date from the province', () => {
    const d = accepted(
      decide(order({ state: 'PENDING_RE_REVIEW', bureauWorkingDays: 30 }), event('RE_REVIEW_APPROVE'), {
        role: 'reviewer',
      }),
    );
    assert.deepEqual(d.timers.set, [{ kind: 'BUREAU_DECISION_DUE', due: { workingDays: 30 } }]);
    assert.deepEqual(d.timers.clear, ['STEP_EXPIRY', 'STEP_EXPIRY_WARNING', 'RE_REVIEW_SLA']);
  });

  test('R-ORD-026: leaving the bureau restarts the 45-day timer; a terminal state sets none', () => {
    const rej = accepted(decide(order({ state: 'PENDING_BUREAU' }), event('BUREAU_REJECT'), { role: 'bureau' }));
    assert.deepEqual(rej.timers.clear, ['BUREAU_DECISION_DUE']);
    assert.deepEqual(
      rej.timers.set.map((t) => t.kind),
      ['STEP_EXPIRY', 'STEP_EXPIRY_WARNING'],
    );
    const ok = accepted(decide(order({ state: 'PENDING_BUREAU' }), event('BUREAU_APPROVE'), { role: 'bureau' }));
    assert.deepEqual(ok.timers, { set: [], clear: ['BUREAU_DECISION_DUE'] });
  });

  test('R-ORD-026: same-state actions do not restart the step timer', () => {
    const d = accepted(decide(order({ state: 'PHOTO_PENDING' }), event('UPLOAD_PHOTO'), { role: 'photo_agent' }));
    assert.deepEqual(d.timers, { set: [], clear: [] });
  });
});

describe('authorisation code effects (R-ACC-021)', () => {
  test('T01 reserves the code; abandon and expiry release it; bureau approval consumes it', () => {
    const created = accepted(
      decideCreate(
        { type: 'FIRST', initiator: 'customer', authCodeId: 'AC-6', bureauWorkingDays: 20 },
        { role: 'customer' },
      ),
    );
    assert.deepEqual(created.codeEffect, { codeId: 'AC-6', from: 'AVAILABLE', to: 'RESERVED' });
    for (const state of [
      'DRAFT',
      'PENDING_INITIAL_REVIEW',
      'INITIAL_REJECTED',
      'PHOTO_PENDING',
      'PENDING_RE_REVIEW',
      'RE_REVIEW_REJECTED',
      'BUREAU_REJECTED',
    ] as const) {
      for (const ev of ['ABANDON', 'EXPIRE_45D'] as const) {
        const d = accepted(decide(order({ state, authCodeId: 'AC-6' }), event(ev), { role: EVENT_ROLES[ev][0] }));
        assert.deepEqual(d.codeEffect, { codeId: 'AC-6', from: 'RESERVED', to: 'AVAILABLE' }, `${state} ${ev}`);
      }
    }
    const approved = accepted(
      decide(order({ state: 'PENDING_BUREAU', authCodeId: 'AC-6' }), event('BUREAU_APPROVE'), { role: 'bureau' }),
    );
    assert.deepEqual(approved.codeEffect, { codeId: 'AC-6', from: 'RESERVED', to: 'CONSUMED' });
  });

  test('an order without a code has no code effect; a rejection does not release the code', () => {
    assert.equal(
      accepted(decide(order({ state: 'DRAFT' }), event('ABANDON'), { role: 'customer' })).codeEffect,
      undefined,
    );
    const rej = accepted(
      decide(order({ state: 'PENDING_BUREAU', authCodeId: 'AC-6' }), event('BUREAU_REJECT'), { role: 'bureau' }),
    );
    assert.equal(rej.codeEffect, undefined);
  });
});

describe('provider-initiated cancel access (R-CHG-018)', () => {
  test('only CANCEL_ACCESS can be initiated by the provider, and only by an admin', () => {
    const ok = decideCreate(
      { type: 'CANCEL_ACCESS', initiator: 'provider', authCodeId: null, bureauWorkingDays: 3 },
      { role: 'admin' },
    );
    assert.equal(accepted(ok).to, 'DRAFT');
    refused(
      decideCreate(
        { type: 'CANCEL_WEBSITE', initiator: 'provider', authCodeId: null, bureauWorkingDays: 3 },
        { role: 'admin' },
      ),
      'PROVIDER_MAY_ONLY_CANCEL_ACCESS',
    );
    refused(
      decideCreate(
        { type: 'CANCEL_ACCESS', initiator: 'provider', authCodeId: null, bureauWorkingDays: 3 },
        { role: 'customer' },
      ),
      'ROLE_NOT_ALLOWED',
    );
    refused(
      decideCreate(
        { type: 'FIRST', initiator: 'customer', authCodeId: null, bureauWorkingDays: 20 },
        { role: 'admin' },
      ),
      'ROLE_NOT_ALLOWED',
    );
  });

  test('on a provider-initiated order the admin acts as owner and the customer cannot', () => {
    const o = order({ type: 'CANCEL_ACCESS', initiator: 'provider' });
    assert.equal(accepted(decide(o, event('SUBMIT'), { role: 'admin' })).to, 'PENDING_INITIAL_REVIEW');
    refused(decide(o, event('SUBMIT'), { role: 'customer' }), 'ROLE_NOT_ALLOWED');
    refused(decide(o, event('ABANDON'), { role: 'customer' }), 'ROLE_NOT_ALLOWED');
  });
});

describe('abilities and errors', () => {
  test('R-ORD-014 allowedEvents: what each actor may do in PHOTO_PENDING', () => {
    const o = order({ state: 'PHOTO_PENDING' });
    assert.deepEqual(allowedEvents(o, { role: 'customer' }), ['UPLOAD_PHOTO', 'SUBMIT_PHOTOS', 'ABANDON']);
    assert.deepEqual(allowedEvents(o, { role: 'photo_agent' }), ['UPLOAD_PHOTO', 'SUBMIT_PHOTOS']);
    assert.deepEqual(allowedEvents(o, { role: 'system' }), ['EXPIRE_45D', 'SERVER_EXPIRED']);
    assert.deepEqual(allowedEvents(order({ state: 'PENDING_BUREAU' }), { role: 'customer' }), []);
  });

  test('R-ORD-020 allowedEvents: SUBMIT_PHOTOS is not offered while a photo is missing', () => {
    const o = order({ state: 'PHOTO_PENDING', curtainPhotosComplete: false });
    assert.deepEqual(allowedEvents(o, { role: 'customer' }), ['UPLOAD_PHOTO', 'ABANDON']);
  });

  test('refusals map to the closed API error set with the catalogue code as reason', () => {
    const d = decide(order({ state: 'PENDING_BUREAU' }), event('ABANDON'), { role: 'customer' });
    assert.equal(d.ok, false);
    if (d.ok) return;
    const err = refusalToError(d);
    assert.equal(err.code, 'ILLEGAL_TRANSITION');
    assert.equal(err.reason, 'ORDER_LOCKED_AT_BUREAU');
    assert.equal(httpStatusOf(err.code), 409);
    assert.ok(err.localized?.zh.includes('锁定'));
    const role = decide(order(), event('INITIAL_APPROVE'), { role: 'customer' });
    if (!role.ok) assert.equal(httpStatusOf(refusalToError(role).code), 403);
  });
});
