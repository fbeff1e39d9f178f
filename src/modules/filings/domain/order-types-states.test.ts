import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  estimatedWorkingDays,
  hasPhotoStep,
  isCancellation,
  ORDER_TYPE_INFO,
  ORDER_TYPES,
  orderTypeLabel,
  reviewSteps,
} from './order-types.ts';
import { isTerminal, ORDER_STATES, STATE_INFO, stateLabel, timersForState } from './states.ts';

describe('order types (§0.3, R-ORD-001)', () => {
  test('R-ORD-001: exactly the nine catalogue types', () => {
    assert.deepEqual([...ORDER_TYPES].sort(), [
      'ACCESS',
      'ADD_WEBSITE',
      'CANCEL_ACCESS',
      'CANCEL_SUBJECT',
      'CANCEL_WEBSITE',
      'CHANGE_ACCESS',
      'CHANGE_SUBJECT',
      'CHANGE_WEBSITE',
      'FIRST',
    ]);
  });

  test('R-ORD-001 R-MAT-016: every type but CANCEL_* has the photo step; CANCEL_* are the cancellations', () => {
    for (const t of ORDER_TYPES) {
      const cancel = t.startsWith('CANCEL_');
      assert.equal(hasPhotoStep(t), !cancel, t);
      assert.equal(isCancellation(t), cancel, t);
    }
  });

  test('§0.3: only ADD_WEBSITE and ACCESS have the with/without-subject variant, and only they and FIRST come from the verify step', () => {
    const variant = ORDER_TYPES.filter((t) => ORDER_TYPE_INFO[t].hasVariant);
    assert.deepEqual(variant, ['ADD_WEBSITE', 'ACCESS']);
    const detected = ORDER_TYPES.filter((t) => ORDER_TYPE_INFO[t].detectedAtVerify);
    assert.deepEqual(detected, ['FIRST', 'ADD_WEBSITE', 'ACCESS']);
  });

  test('R-BUR-008: ACCESS and CANCEL_SUBJECT carry the filing password', () => {
    assert.deepEqual(
      ORDER_TYPES.filter((t) => ORDER_TYPE_INFO[t].requiresFilingPassword),
      ['ACCESS', 'CANCEL_SUBJECT'],
    );
  });

  test('§0.3: bilingual labels, with the variant in brackets', () => {
    assert.deepEqual(orderTypeLabel('FIRST'), { zh: '首次备案', en: 'First filing' });
    assert.equal(orderTypeLabel('ACCESS', 'WITHOUT_SUBJECT').zh, '接入备案（无本接入商主体）');
    assert.equal(orderTypeLabel('CANCEL_ACCESS', 'WITH_SUBJECT').zh, '取消接入');
    for (const t of ORDER_TYPES) assert.ok(ORDER_TYPE_INFO[t].label.zh && ORDER_TYPE_INFO[t].label.en, t);
  });

  test('FAQ-062 R-ORD-025: ADD_WEBSITE has exactly FIRST’s steps and estimate; no fast track', () => {
    assert.deepEqual(reviewSteps('ADD_WEBSITE'), reviewSteps('FIRST'));
    assert.deepEqual(reviewSteps('FIRST'), ['INITIAL_REVIEW', 'PHOTO', 'PHOTO_RE_REVIEW', 'BUREAU']);
    assert.equal(estimatedWorkingDays('ADD_WEBSITE', 20), estimatedWorkingDays('FIRST', 20));
  });

  test('FAQ-218 R-ORD-023 R-CHG-002: CHANGE_SUBJECT in a 20-WD province is estimated at 22 working days', () => {
    assert.equal(estimatedWorkingDays('CHANGE_SUBJECT', 20), 22);
  });

  test('R-CHG-012: a cancellation has no photo step: 1 WD initial review + the bureau’s days', () => {
    assert.deepEqual(reviewSteps('CANCEL_SUBJECT'), ['INITIAL_REVIEW', 'BUREAU']);
    assert.equal(estimatedWorkingDays('CANCEL_SUBJECT', 3), 4);
  });
});

describe('states (§17.1)', () => {
  test('§17.1: eleven states, three terminal', () => {
    assert.equal(ORDER_STATES.length, 11);
    assert.deepEqual(ORDER_STATES.filter(isTerminal), ['APPROVED', 'ABANDONED', 'EXPIRED']);
  });

  test('R-ORD-026: the 45-day step timer runs in every non-terminal state except PENDING_BUREAU', () => {
    for (const s of ORDER_STATES) assert.equal(STATE_INFO[s].stepTimer, !isTerminal(s) && s !== 'PENDING_BUREAU', s);
  });

  test('R-ORD-014 §17.1: what the customer may edit in each state', () => {
    const scope = Object.fromEntries(ORDER_STATES.map((s) => [s, STATE_INFO[s].customerMayEdit]));
    assert.deepEqual(scope, {
      DRAFT: 'EVERYTHING',
      PENDING_INITIAL_REVIEW: 'NOTHING',
      INITIAL_REJECTED: 'EVERYTHING',
      PHOTO_PENDING: 'CURTAIN_PHOTOS_ONLY',
      PENDING_RE_REVIEW: 'NOTHING',
      RE_REVIEW_REJECTED: 'CURTAIN_PHOTOS_ONLY',
      PENDING_BUREAU: 'NOTHING',
      BUREAU_REJECTED: 'EVERYTHING',
      APPROVED: 'NOTHING',
      ABANDONED: 'NOTHING',
      EXPIRED: 'NOTHING',
    });
    assert.deepEqual(
      ORDER_STATES.filter((s) => STATE_INFO[s].editNeedsRevoke),
      ['INITIAL_REJECTED', 'BUREAU_REJECTED'],
    );
  });

  test('§17.1: console labels, with APPROVED and ABANDONED worded per type', () => {
    assert.equal(STATE_INFO.PENDING_BUREAU.label.zh, '管局审核中（已锁定）');
    assert.equal(STATE_INFO.PHOTO_PENDING.label.zh, '待拍照（办理拍照）');
    assert.equal(stateLabel('APPROVED', 'FIRST').zh, '备案成功');
    assert.equal(stateLabel('APPROVED', 'CANCEL_WEBSITE').zh, '注销成功');
    assert.equal(stateLabel('APPROVED', 'CANCEL_ACCESS').zh, '取消接入成功');
    assert.equal(stateLabel('ABANDONED', 'ADD_WEBSITE').zh, '放弃备案');
    assert.equal(stateLabel('ABANDONED', 'CANCEL_SUBJECT').zh, '放弃注销');
    for (const s of ORDER_STATES) assert.ok(STATE_INFO[s].label.en, s);
  });

  test('R-ORD-017 R-ORD-021 R-ORD-022: SLA timers of the review states', () => {
    assert.deepEqual(
      timersForState('PENDING_RE_REVIEW', 20).find((t) => t.kind === 'RE_REVIEW_SLA'),
      { kind: 'RE_REVIEW_SLA', due: { workingDays: 1 } },
    );
    assert.deepEqual(timersForState('PENDING_BUREAU', 30), [{ kind: 'BUREAU_DECISION_DUE', due: { workingDays: 30 } }]);
    assert.deepEqual(timersForState('APPROVED', 20), []);
  });
});
