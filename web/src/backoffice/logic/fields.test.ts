import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fieldLabel, sectionOf, valueLabel, withinSection } from './fields.ts';

describe('review page field labels', () => {
  it('labels the last key, numbering array elements from 1', () => {
    assert.equal(fieldLabel('domains[1]', 'zh'), '域名 2');
    assert.equal(fieldLabel('subjectPrincipal.mobile', 'en'), 'Subject principal · Mobile');
    assert.equal(fieldLabel('websites[0].name', 'zh'), '网站 1 · 名称/姓名');
    assert.equal(fieldLabel('shoeSize', 'zh'), 'shoeSize', 'unknown keys show as written');
    assert.equal(fieldLabel('principal.mobile', 'zh'), '网站负责人 · 手机号码', 'nested fields keep their context');
    assert.equal(fieldLabel('communicationAddress.detail', 'en'), 'Communication address · Street address');
  });

  it('enumerated values read as the console names them', () => {
    assert.equal(valueLabel('subject.certificateType', 'RESIDENT_ID', 'zh'), '居民身份证');
    assert.equal(valueLabel('subject.type', 'PERSONAL', 'zh'), '个人');
    assert.equal(valueLabel('websites[0].nature', 'PERSONAL_BLOG', 'en'), 'Personal blog');
    assert.equal(valueLabel('orderType', 'FIRST', 'zh'), '首次备案');
    assert.equal(valueLabel('subject.name', '张三', 'zh'), null);
  });

  it('groups paths by section', () => {
    assert.deepEqual(sectionOf('websites[2].name'), { section: 'websites', index: 2 });
    assert.deepEqual(sectionOf('subjectPrincipal.name'), { section: 'subjectPrincipal' });
    assert.deepEqual(sectionOf('province'), { section: 'other' });
    assert.equal(withinSection('websites[0].principal.mobile'), 'principal.mobile');
    assert.equal(withinSection('province'), 'province');
  });
});
