import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fieldLabel, sectionOf, withinSection } from './fields.ts';

describe('review page field labels', () => {
  it('labels the last key, numbering array elements from 1', () => {
    assert.equal(fieldLabel('websites[0].domains[1]', 'zh'), '域名 2');
    assert.equal(fieldLabel('subjectPrincipal.mobile', 'en'), 'Mobile');
    assert.equal(fieldLabel('subject.shoeSize', 'zh'), 'shoeSize', 'unknown keys show as written');
  });

  it('groups paths by section', () => {
    assert.deepEqual(sectionOf('websites[2].name'), { section: 'websites', index: 2 });
    assert.deepEqual(sectionOf('subjectPrincipal.name'), { section: 'subjectPrincipal' });
    assert.deepEqual(sectionOf('province'), { section: 'other' });
    assert.equal(withinSection('websites[0].principal.mobile'), 'principal.mobile');
    assert.equal(withinSection('province'), 'province');
  });
});
