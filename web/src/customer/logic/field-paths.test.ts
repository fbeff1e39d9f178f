import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fieldKey, isUnder, parseFieldKey, stepOf, unplaced } from './field-paths.ts';

describe('violation field paths ↔ form fields', () => {
  it('R-ORD-003: draft paths and form name paths convert both ways', () => {
    assert.equal(fieldKey(['websites', 0, 'domains', 1]), 'websites[0].domains[1]');
    assert.equal(fieldKey(['subjectPrincipal', 'mobile']), 'subjectPrincipal.mobile');
    assert.deepEqual(parseFieldKey('websites[0].domains[1]'), ['websites', 0, 'domains', 1]);
    assert.deepEqual(parseFieldKey('subject.communicationAddress.detail'), [
      'subject',
      'communicationAddress',
      'detail',
    ]);
    // rule-level patterns keep their names and drop the empty index
    assert.deepEqual(parseFieldKey('websites[].domains[]'), ['websites', 'domains']);
  });

  it('R-ORD-003: a parent path covers its children but not a sibling with the same prefix', () => {
    assert.ok(isUnder('websites[0].name', 'websites[0]'));
    assert.ok(isUnder('websites[0]', 'websites[0]'));
    assert.ok(!isUnder('websites[10].name', 'websites[1]'));
    assert.ok(!isUnder('subjectPrincipal.mobile', 'subject'));
  });

  it('R-ORD-003 R-MAT-002: each message belongs to the wizard step where it is fixed', () => {
    assert.equal(stepOf({ field: 'subject.name', code: 'FIELD_REQUIRED' }), 'subject');
    assert.equal(stepOf({ field: 'subjectPrincipal.mobile', code: 'X' }), 'principals');
    assert.equal(stepOf({ field: 'websites[0].principal.email', code: 'X' }), 'principals');
    assert.equal(stepOf({ field: 'websites[0].domains[1]', code: 'X' }), 'websites');
    assert.equal(stepOf({ field: 'websites[0]', rule: 'R-MAT-002', code: 'MATERIALS_NOT_AS_REQUIRED' }), 'materials');
    assert.equal(stepOf({ field: 'materials[2].certificateNumber', code: 'X' }), 'materials');
    assert.equal(stepOf({ field: '*.mobile', code: 'X' }), 'principals');
    assert.equal(stepOf({ field: 'orderType', code: 'X' }), 'review');
  });

  it('R-ORD-003: messages whose field is not rendered are listed at the top of their step', () => {
    const msgs = [
      { field: 'subjectPrincipal', code: 'FIELD_REQUIRED' },
      { field: 'subjectPrincipal.mobile', code: 'MOBILE_INVALID' },
      { field: 'subject.name', code: 'FIELD_REQUIRED' },
    ];
    const left = unplaced(msgs, 'principals', new Set(['subjectPrincipal.mobile']));
    assert.deepEqual(
      left.map((m) => m.field),
      ['subjectPrincipal'],
    );
  });
});
