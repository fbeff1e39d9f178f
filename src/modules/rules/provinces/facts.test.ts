import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  distinctWebsitePrincipals,
  isLegalRep,
  phoneKind,
  remarkStatesJobTitle,
  remarkStatesName,
  topLabel,
} from './facts.ts';
import { draftFor, 李四, 王五 } from './test-support.ts';

describe('facts used by the province rules', () => {
  test('R-PRV-004 R-PRV-005: remark reading: names, labelled names and job titles', () => {
    const cases: [string, boolean, boolean][] = [
      // remark, states a name, states a job title
      ['王五', true, false],
      ['联系人：王五', true, false],
      ['联系人姓名：王五', true, false],
      ['联系人姓名：', false, false],
      ['王五，行政经理', true, true],
      ['欧阳娜娜 主管', true, true],
      ['办公电话为手机，持有人职务：行政经理', false, true],
      ['办公电话为手机', false, false],
      ['name: Zhang Wei, manager', true, true],
      ['', false, false],
    ];
    for (const [remark, name, title] of cases) {
      assert.equal(remarkStatesName(remark, []), name, `name: ${remark}`);
      assert.equal(remarkStatesJobTitle(remark), title, `title: ${remark}`);
    }
    assert.equal(remarkStatesName('Smith 负责', ['Smith']), true);
  });

  test('R-PRV-003: phone kinds follow the shared validator: landline only with its area code', () => {
    assert.equal(phoneKind('025-12345678'), 'LANDLINE');
    assert.equal(phoneKind('0571 88888888'), 'LANDLINE');
    assert.equal(phoneKind('13800000002'), 'MOBILE');
    assert.equal(phoneKind('+86 138 0000 0002'), 'MOBILE');
    assert.equal(phoneKind('12345678'), 'OTHER');
    assert.equal(phoneKind(''), undefined);
    assert.equal(phoneKind(undefined), undefined);
  });

  test('R-PRV-013: the rightmost label is read in Unicode and lower case', () => {
    assert.equal(topLabel('example.XN--FIQS8S'), '中国');
    assert.equal(topLabel('example.COM.CN.'), 'cn');
    assert.equal(topLabel('例子.公司'), '公司');
  });

  test('R-PRV-008 R-SUB-010: legal rep by certificate number, by name, or the head office’s rep for a branch', () => {
    const d = draftFor();
    assert.equal(isLegalRep(d, 李四), true);
    assert.equal(isLegalRep(d, 王五), false);
    assert.equal(isLegalRep(d, { name: '李四' }), true);
    const branch = draftFor();
    branch.subject = {
      ...branch.subject!,
      legalRepresentative: undefined,
      branchOf: { name: '总公司', legalRepresentativeName: '赵七' },
    };
    assert.equal(isLegalRep(branch, { name: '赵七' }), true);
    assert.equal(isLegalRep(branch, 王五), false);
    const unknown = draftFor();
    unknown.subject = { ...unknown.subject!, legalRepresentative: undefined };
    assert.equal(isLegalRep(unknown, 王五), undefined);
  });

  test('R-MAT-016: distinct website principals group websites by person, following 同主体负责人', () => {
    const d = draftFor({
      websites: [
        { name: 'A', principal: 王五 },
        { name: 'B', principalSameAsSubject: true },
        { name: 'C', principal: { ...王五, name: '王五 ' } },
        { name: 'D', principal: 李四 },
      ],
    });
    assert.deepEqual(
      distinctWebsitePrincipals(d).map((p) => p.websiteIndexes),
      [
        [0, 2],
        [1, 3],
      ],
    );
  });
});
