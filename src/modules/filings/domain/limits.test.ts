import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  checkAccountSubject,
  checkEditSections,
  checkFilingTransfer,
  checkOneOrderInFlight,
  checkSubjectAccount,
  MODIFICATION_PATH_TEXT,
  maskAccountId,
  mayAbandon,
  modificationPath,
  sameSubject,
} from './limits.ts';
import { ORDER_STATES } from './states.ts';

const COMPANY = { certType: 'USCC', certNumber: '91440101MA5CUSCC1X' };
const PERSON = { certType: 'RESIDENT_ID', certNumber: '440101199001011234' };

describe('one subject per account, one account per subject (R-ACC-001/002/004)', () => {
  test('R-ACC-001: the same certificate passes, another one is refused', () => {
    assert.equal(checkAccountSubject(COMPANY, { ...COMPANY, certNumber: ' 91440101ma5cuscc1x ' }), null);
    assert.equal(checkAccountSubject(null, COMPANY), null);
    assert.equal(
      checkAccountSubject(COMPANY, { certType: 'USCC', certNumber: '91440101MA5CUSCC2X' })?.code,
      'ACCOUNT_HAS_OTHER_SUBJECT',
    );
  });

  test('R-ACC-002: same number under a different certificate type is a different subject', () => {
    assert.equal(sameSubject(PERSON, { certType: 'PASSPORT', certNumber: PERSON.certNumber }), false);
    assert.equal(checkAccountSubject(PERSON, COMPANY)?.code, 'ACCOUNT_HAS_OTHER_SUBJECT');
  });

  test('R-ACC-004: a subject bound to another account is refused with that account masked', () => {
    assert.equal(checkSubjectAccount('100000000001', '100000000001'), null);
    assert.equal(checkSubjectAccount(null, '100000000002'), null);
    const r = checkSubjectAccount('100000000001', '100000000002');
    assert.equal(r?.code, 'SUBJECT_BOUND_TO_OTHER_ACCOUNT');
    assert.equal(r?.params?.account, '1000****0001');
  });

  test('R-ACC-004: masking keeps four characters at each end and never reveals a short id', () => {
    assert.equal(maskAccountId('100000000001'), '1000****0001');
    assert.equal(maskAccountId('12345678'), '1****8');
  });
});

describe('one order in flight per account (R-ORD-007)', () => {
  test('R-ORD-007: every non-terminal state counts, drafts and rejected orders included; terminal ones do not', () => {
    for (const s of ORDER_STATES) {
      const terminal = s === 'APPROVED' || s === 'ABANDONED' || s === 'EXPIRED';
      assert.equal(checkOneOrderInFlight([s])?.code, terminal ? undefined : 'ORDER_IN_FLIGHT', s);
    }
    assert.equal(checkOneOrderInFlight([]), null);
    assert.equal(checkOneOrderInFlight(['APPROVED', 'ABANDONED', 'EXPIRED']), null);
  });
});

describe('filing transfer (R-ACC-005)', () => {
  const base = {
    fromAccountId: '100000000001',
    toAccountId: '100000000002',
    targetAccountSubject: null,
    subjectOrderStates: ['APPROVED'] as const,
  };

  test('FAQ-075 R-ACC-005: a transfer to an account without subject, with no order in flight, is allowed', () => {
    assert.equal(checkFilingTransfer(base), null);
  });

  test('R-ACC-005: refused when the target holds a subject, an order is in flight, or source = target', () => {
    assert.equal(checkFilingTransfer({ ...base, targetAccountSubject: PERSON })?.code, 'TRANSFER_TARGET_HAS_SUBJECT');
    assert.equal(
      checkFilingTransfer({ ...base, subjectOrderStates: ['PHOTO_PENDING'] })?.code,
      'TRANSFER_ORDER_IN_FLIGHT',
    );
    assert.equal(checkFilingTransfer({ ...base, toAccountId: base.fromAccountId })?.code, 'TRANSFER_SAME_ACCOUNT');
  });
});

describe('what may be edited (R-ORD-014) and revoke versus abandon (R-ORD-015)', () => {
  test('R-ORD-014: read-only data per order type', () => {
    assert.equal(checkEditSections('FIRST', ['SUBJECT', 'WEBSITES', 'ACCESS_DATA', 'MATERIALS']), null);
    assert.equal(checkEditSections('ADD_WEBSITE', ['SUBJECT'])?.code, 'CHANGE_REQUIRED');
    assert.equal(checkEditSections('ACCESS', ['SUBJECT'])?.code, 'ACCESS_DATA_READ_ONLY');
    assert.equal(checkEditSections('ACCESS', ['TARGETS', 'MATERIALS']), null);
    assert.equal(checkEditSections('CHANGE_SUBJECT', ['WEBSITES'])?.code, 'SECTION_NOT_IN_ORDER_TYPE');
    assert.equal(checkEditSections('CANCEL_SUBJECT', ['TARGETS'])?.code, 'SECTION_NOT_IN_ORDER_TYPE');
    assert.equal(checkEditSections('CANCEL_WEBSITE', ['TARGETS']), null);
  });

  test('R-ORD-014: the way to change data in each state', () => {
    assert.equal(modificationPath('DRAFT', false), 'EDIT');
    assert.equal(modificationPath('INITIAL_REJECTED', false), 'REVOKE_THEN_EDIT');
    assert.equal(modificationPath('BUREAU_REJECTED', true), 'EDIT');
    assert.equal(modificationPath('PENDING_INITIAL_REVIEW', false), 'WAIT_FOR_INITIAL_REVIEW');
    assert.equal(modificationPath('PHOTO_PENDING', false), 'PHOTOS_ONLY_OR_ABANDON');
    assert.equal(modificationPath('RE_REVIEW_REJECTED', false), 'PHOTOS_ONLY_OR_ABANDON');
    assert.equal(modificationPath('PENDING_RE_REVIEW', false), 'WAIT_FOR_RE_REVIEW_OR_ABANDON');
    assert.equal(modificationPath('PENDING_BUREAU', false), 'LOCKED_AT_BUREAU');
    assert.equal(modificationPath('APPROVED', false), 'CHANGE_ORDER');
    assert.equal(modificationPath('EXPIRED', false), 'NEW_ORDER');
    assert.match(MODIFICATION_PATH_TEXT.REVOKE_THEN_EDIT.zh, /撤销备案/);
    assert.match(MODIFICATION_PATH_TEXT.PHOTOS_ONLY_OR_ABANDON.zh, /放弃备案/);
  });

  test('R-ORD-015 R-CHG-014: abandoning is offered in every non-terminal state except PENDING_BUREAU', () => {
    const abandonable = ORDER_STATES.filter(mayAbandon);
    assert.deepEqual(abandonable, [
      'DRAFT',
      'PENDING_INITIAL_REVIEW',
      'INITIAL_REJECTED',
      'PHOTO_PENDING',
      'PENDING_RE_REVIEW',
      'RE_REVIEW_REJECTED',
      'BUREAU_REJECTED',
    ]);
  });
});
