import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { provinceTable } from '../provinces/table.ts';
import {
  codesOf,
  ctx,
  filedSubject,
  filedWebsite,
  OLD_REG_1,
  orgDraft,
  orgWebsite,
  personalDraft,
  USCC_1,
  USCC_2,
  violationsOf,
} from '../test-fixtures.ts';

const reg = (over: Parameters<typeof filedSubject>[0] = {}, sites = [filedWebsite()]) =>
  ctx({ registry: { subjects: [filedSubject(over)], websites: sites } });
const change = (over: Parameters<typeof orgDraft>[0] = {}) =>
  orgDraft({ orderType: 'CHANGE_SUBJECT', subjectFilingNumber: '粤ICP备18000001号', websites: [], ...over });

describe('R-CHG change and cancellation rules', () => {
  test('R-CHG-004: personal ↔ organisation in CHANGE_SUBJECT is refused both ways', () => {
    const p = personalDraft({ orderType: 'CHANGE_SUBJECT', subjectFilingNumber: '粤ICP备18000001号', websites: [] });
    assert.deepEqual(codesOf(p, reg(), 'R-CHG-004'), ['SUBJECT_TYPE_CHANGE_NOT_ALLOWED']);
    assert.deepEqual(codesOf(change(), reg({ type: 'PERSONAL', name: '张三' }), 'R-CHG-004'), [
      'SUBJECT_TYPE_CHANGE_NOT_ALLOWED',
    ]);
    assert.deepEqual(codesOf(change(), reg(), 'R-CHG-004'), []);
  });
  test('R-CHG-005: the filing province cannot change', () => {
    assert.deepEqual(codesOf(change({ province: '浙江' }), reg(), 'R-CHG-005'), ['PROVINCE_CHANGE_NOT_ALLOWED']);
  });
  test('R-CHG-006: only subjects accessed here; number change allowed, name+number replacement not (unless configured)', () => {
    assert.deepEqual(codesOf(change(), reg({ accessedHere: false }), 'R-CHG-006'), ['CHANGE_NOT_HERE']);
    assert.deepEqual(
      codesOf(change(), reg({ certificateNumber: OLD_REG_1, certificateType: 'BUSINESS_REGISTRATION' }), 'R-CHG-006'),
      [],
    );
    const replace = change();
    replace.subject = { ...replace.subject, name: '广州新名科技有限公司', certificateNumber: USCC_2 };
    assert.deepEqual(codesOf(replace, reg(), 'R-CHG-006'), ['SUBJECT_CERT_CHANGE_NOT_ALLOWED']);
    const allowed = ctx({
      registry: { subjects: [filedSubject()], websites: [] },
      provinces: { ...provinceTable, 广东: { ...provinceTable.广东, subjectReplaceAllowed: true } },
    });
    assert.deepEqual(codesOf(replace, allowed, 'R-CHG-006'), []);
    const cw = orgDraft({
      orderType: 'CHANGE_WEBSITE',
      subjectFilingNumber: '粤ICP备18000001号',
      websites: [orgWebsite({ filingNumber: '粤ICP备18000001号-2', domains: ['example-two.cn'] })],
    });
    const notHere = reg({}, [
      filedWebsite(),
      filedWebsite({ filingNumber: '粤ICP备18000001号-2', domains: ['example-two.cn'], accessedHere: false }),
    ]);
    assert.deepEqual(codesOf(cw, notHere, 'R-CHG-006'), ['WEBSITE_NOT_ACCESSED_HERE']);
  });
  test('R-CHG-010: a CHANGE_WEBSITE cannot remove the last domain', () => {
    const d = orgDraft({
      orderType: 'CHANGE_WEBSITE',
      subjectFilingNumber: '粤ICP备18000001号',
      websites: [orgWebsite({ filingNumber: '粤ICP备18000001号-1', domains: [] })],
    });
    const v = violationsOf(d, reg(), 'R-CHG-010');
    assert.equal(v[0]?.code, 'LAST_DOMAIN_USE_CANCEL_WEBSITE');
    assert.match(v[0].fix?.zh ?? '', /注销网站/);
  });
  test('R-CHG-013: cancelling the last website points to CANCEL_SUBJECT', () => {
    const d = orgDraft({
      orderType: 'CANCEL_WEBSITE',
      cancelConfirmation: 'CANCEL_WEBSITE',
      subjectFilingNumber: '粤ICP备18000001号',
      websites: [{ filingNumber: '粤ICP备18000001号-1' }],
    });
    assert.deepEqual(codesOf(d, reg(), 'R-CHG-013'), ['LAST_WEBSITE_USE_CANCEL_SUBJECT']);
    const two = reg({}, [
      filedWebsite(),
      filedWebsite({ filingNumber: '粤ICP备18000001号-2', domains: ['example-blog.cn'] }),
    ]);
    assert.deepEqual(codesOf(d, two, 'R-CHG-013'), []);
  });
  test('R-CHG-015: a filed domain no longer held blocks ADD_WEBSITE with the matching remedy', () => {
    const d = orgDraft({ orderType: 'ADD_WEBSITE', websites: [orgWebsite({ domains: ['example-new.cn'] })] });
    const lost = ctx({
      registry: { subjects: [filedSubject()], websites: [filedWebsite()] },
      domains: { 'example-shop.cn': { expired: true } },
    });
    const v = violationsOf(d, lost, 'R-CHG-015');
    assert.equal(v[0]?.code, 'FILED_DOMAIN_NOT_HELD');
    assert.match(v[0].fix?.zh ?? '', /注销主体/);
    const held = ctx({
      registry: { subjects: [filedSubject()], websites: [filedWebsite()] },
      domains: { 'example-shop.cn': { registrantName: '广州示例科技有限公司' } },
    });
    assert.deepEqual(codesOf(d, held, 'R-CHG-015'), []);
  });
  test('R-CHG-016: cancel access of the only access record warns about shells', () => {
    const d = orgDraft({
      orderType: 'CANCEL_ACCESS',
      cancelConfirmation: 'CANCEL_ACCESS',
      subjectFilingNumber: '粤ICP备18000001号',
      websites: [{ filingNumber: '粤ICP备18000001号-1' }],
    });
    assert.deepEqual(
      violationsOf(d, reg(), 'R-CHG-016').map((v) => [v.code, v.severity]),
      [['SHELL_RISK', 'warn']],
    );
    assert.deepEqual(codesOf(d, reg({}, [filedWebsite({ otherAccessProviders: 1 })]), 'R-CHG-016'), []);
  });
  test('R-CHG-017: cancellations need the explicit confirmation of the chosen type', () => {
    const d = orgDraft({
      orderType: 'CANCEL_ACCESS',
      subjectFilingNumber: '粤ICP备18000001号',
      websites: [{ filingNumber: '粤ICP备18000001号-1' }],
    });
    assert.deepEqual(codesOf(d, reg(), 'R-CHG-017'), ['CANCEL_CONFIRMATION_REQUIRED']);
    assert.deepEqual(codesOf({ ...d, cancelConfirmation: 'CANCEL_WEBSITE' }, reg(), 'R-CHG-017'), [
      'CANCEL_CONFIRMATION_REQUIRED',
    ]);
    assert.deepEqual(codesOf({ ...d, cancelConfirmation: 'CANCEL_ACCESS' }, reg(), 'R-CHG-017'), []);
  });
  test('R-CHG-020: the CERT_UPDATE_PENDING obligation blocks with-subject ADD_WEBSITE (via R-SUB-004)', () => {
    const d = orgDraft({ orderType: 'ADD_WEBSITE', websites: [orgWebsite({ domains: ['example-new.cn'] })] });
    assert.ok(codesOf(d, reg({ flags: ['CERT_UPDATE_PENDING'] })).includes('CERT_CHANGE_REQUIRED'));
    assert.equal(USCC_1.length, 18);
  });
});
