import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { allPaths, candidateFields, parseFieldPath } from './paths.ts';

describe('field paths', () => {
  it('parses key and index segments', () => {
    assert.deepEqual(parseFieldPath('websites[1].domains[0]'), [
      { key: 'websites' },
      { index: 1 },
      { key: 'domains' },
      { index: 0 },
    ]);
    assert.equal(parseFieldPath('websites[]'), null, 'a pattern is not a concrete path');
  });

  it('R-REJ-001: the rejection form offers the fields of this order inside the reason’s patterns', () => {
    const draft = { subject: { name: 'x' }, websites: [{ name: 'a', domains: ['a.cn', 'b.cn'] }, { name: 'b' }] };
    assert.deepEqual(allPaths(draft).slice(0, 4), ['subject', 'subject.name', 'websites', 'websites[0]']);
    assert.deepEqual(candidateFields(draft, ['websites[].domains']), [
      'websites[0].domains',
      'websites[0].domains[0]',
      'websites[0].domains[1]',
    ]);
    assert.deepEqual(candidateFields(draft, ['websites[].name']), ['websites[0].name', 'websites[1].name']);
    assert.deepEqual(candidateFields(draft, ['materials', 'subject']), ['materials', 'subject', 'subject.name']);
  });
});
