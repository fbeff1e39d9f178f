import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { REJECTION_REASONS } from '../rules/data/rejection-reasons.ts';
import { ruleRegistry } from '../rules/registry.ts';
import {
  catalogueFor,
  catalogueReason,
  fieldMatches,
  isDraftPath,
  REJECTION_CATALOGUE,
  resolveReasons,
} from './catalogue.ts';

describe('rejection catalogue', () => {
  it('R-REJ-007: every catalogue reason of the rules module is offered, with fields and rules', () => {
    for (const code of Object.keys(REJECTION_REASONS)) {
      const r = catalogueReason(code);
      assert.ok(r, code);
      assert.ok(r.fields.length > 0, `${code} names the fields it attaches to`);
      assert.ok(r.rules.length > 0, `${code} names its rules`);
    }
  });

  it('R-REJ-008: the FAQ remedies are the suggested fixes', () => {
    assert.match(catalogueReason('CERT_IMAGE_UNCLEAR')!.fix!.zh, /重新提交扫描件/);
    assert.match(catalogueReason('CURTAIN_NOT_PROVIDER')!.fix!.zh, /免费/);
    assert.match(catalogueReason('SITE_OPEN_BEFORE_FILING')!.fix!.zh, /网站正在建设中/);
  });

  it('every rules-engine code is a reason at initial review, carrying its R- ids', () => {
    for (const rule of ruleRegistry) {
      const r = catalogueReason(rule.code);
      assert.ok(r, rule.code);
      assert.ok(r.rules.includes(rule.id), `${rule.code} cites ${rule.id}`);
      // a code R-REJ-007 also names keeps the stages it gives there (e.g. WRONG_ORDER_TYPE: bureau only)
      const rej = REJECTION_REASONS[rule.code];
      assert.deepEqual(r.stages, rej ? rej.stages : ['initial'], rule.code);
    }
    // a code both catalogues name is one entry, with the label of R-REJ-007
    const name = REJECTION_CATALOGUE.filter((r) => r.code === 'WEBSITE_NAME_INVALID');
    assert.equal(name.length, 1);
    assert.equal(name[0].label.zh, '网站名称不符合要求');
    assert.ok(name[0].rules.includes('R-WEB-015'));
  });

  it('R-ORD-021: photo re-review offers only photo reasons', () => {
    const codes = catalogueFor('re-review').map((r) => r.code);
    assert.ok(codes.includes('CURTAIN_TEXT_MISMATCH'));
    assert.ok(codes.includes('CURTAIN_NOT_PROVIDER'));
    assert.ok(!codes.includes('WEBSITE_NAME_INVALID'));
    assert.ok(!codes.includes('CONFIRMATION_CALL_UNREACHED'));
  });

  it('field paths are checked against the draft schema', () => {
    for (const ok of [
      'subject.name',
      'websites[0].domains[2]',
      'websites[1].principal.mobile',
      'materials[3]',
      'existingWebsites[0]',
    ])
      assert.equal(isDraftPath(ok), true, ok);
    for (const bad of [
      'subject.shoeSize',
      'websites.name',
      'subject[0]',
      'websites[0]..name',
      '',
      '__proto__',
      'subject.name[0]',
    ])
      assert.equal(isDraftPath(bad), false, bad);
  });

  it('patterns: [] stands for any index, *. for any prefix', () => {
    assert.equal(fieldMatches('websites[2].domains[0]', ['websites[].domains']), true);
    assert.equal(fieldMatches('websites[2].name', ['websites[].domains']), false);
    assert.equal(fieldMatches('websites[0].principal.certificateValidTo', ['*.certificateValidTo']), true);
    assert.equal(fieldMatches('subject.certificateValidTo', ['*.certificateValidTo']), true);
    assert.equal(fieldMatches('subject.certificateValidToo', ['*.certificateValidTo']), false);
    assert.equal(fieldMatches('subjectPrincipal', ['subject']), false, 'a prefix must end at a segment');
  });

  it('R-REJ-001: resolveReasons reports every bad reason at once and fills message and fix from the catalogue', () => {
    const bad = resolveReasons(
      [
        { code: 'NOPE', field: 'subject.name' },
        { code: 'WEBSITE_NAME_INVALID', field: 'subject.name' },
        { code: 'PHOTO_MIRRORED', field: 'materials[0]' },
      ],
      'initial',
    );
    assert.equal(bad.ok, false);
    assert.deepEqual(!bad.ok && bad.failures.map((f) => [f.index, f.reason]), [
      [0, 'UNKNOWN_REASON_CODE'],
      [1, 'FIELD_NOT_FOR_REASON'],
      [2, 'REASON_NOT_FOR_STAGE'],
    ]);
    const good = resolveReasons([{ code: 'CERT_IMAGE_UNCLEAR', field: 'materials[1]', message: ' ' }], 'initial', 'en');
    assert.ok(good.ok);
    assert.equal(good.ok && good.reasons[0].message, 'Certificate image unclear');
    assert.match(good.ok ? (good.reasons[0].fix ?? '') : '', /compressed/);
    const own = resolveReasons(
      [{ code: 'CERT_IMAGE_UNCLEAR', field: 'materials', message: '反面模糊', fix: '请重拍反面' }],
      'initial',
    );
    assert.deepEqual(own.ok && [own.reasons[0].message, own.reasons[0].fix], ['反面模糊', '请重拍反面']);
  });
});
