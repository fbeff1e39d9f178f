import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkFiling } from '../rules/check.ts';
import type { CheckContext } from '../rules/context.ts';
import type { FilingDraft, Material, PreApproval } from '../rules/draft.ts';
import { photoChecklist } from '../rules/materials/photo-checklist.ts';
import { provinceTable } from '../rules/provinces/table.ts';
import { ruleRegistry } from '../rules/registry.ts';
import {
  ctx,
  filedSubject,
  filedWebsite,
  orgDraft,
  orgWebsite,
  personalDraft,
  personalWebsite,
  张三,
} from '../rules/test-fixtures.ts';
import { callStatus } from './calls.ts';
import { catalogueFor, catalogueReason, resolveReasons } from './catalogue.ts';
import { buildChecklist, type Checklist } from './checklist.ts';

/**
 * FAQ scenarios decided at the reviewer's desk: the initial-review checklist (auto items from the rules engine and
 * the items only a person can judge), the rejection catalogue and its remedies (R-REJ-007, R-REJ-008).
 */

const reached = callStatus([{ attempt: 1, outcome: 'reached', at: 0, roundSeq: 1, calleeKey: 'k' }], {
  roundSeq: 1,
  principalKey: 'k',
});

function checklist(draft: FilingDraft, c: CheckContext = ctx()): Checklist {
  return buildChecklist({
    stage: 'initial',
    draft,
    ctx: c,
    violations: checkFiling(draft, c).violations,
    rules: ruleRegistry,
    provinceRules: provinceTable[draft.province ?? '广东'],
    curtainText: null,
    serverExpired: false,
    calls: reached,
  });
}
const item = (c: Checklist, id: string, kind: 'auto' | 'manual' = 'auto') => {
  // a rule may have both an automatic item and a reviewer's item (R-PRE-012, R-MAT-003)
  const found = c.items.find((i) => i.id === id && i.kind === kind) ?? c.items.find((i) => i.id === id);
  assert.ok(found, `checklist item ${id}`);
  return found;
};
const reject = (code: string, field: string, stage: 'initial' | 'bureau' = 'initial') => {
  const r = resolveReasons([{ code, field }], stage);
  assert.ok(r.ok, `${code} at ${field} is accepted at ${stage}: ${JSON.stringify(r)}`);
  return r.reasons[0];
};
const sheet = (over: Partial<Material>): Material => ({
  kind: 'VERIFICATION_SHEET',
  websiteIndex: 0,
  blobId: 'sheet-1',
  mimeType: 'image/jpeg',
  sizeBytes: 300_000,
  signed: true,
  ...over,
});
const withSheet = (d: FilingDraft, s: Material): FilingDraft => ({
  ...d,
  materials: [...(d.materials ?? []).filter((m) => m.kind !== 'VERIFICATION_SHEET'), s],
});

describe('FAQ scenarios of initial review', () => {
  it('FAQ-121 R-PRE-012 R-REJ-007: 张三的博客 presenting a company’s products is rejected with CONTENT_SUBJECT_MISMATCH', () => {
    const d = personalDraft({ websites: [personalWebsite({ name: '张三的博客' })] });
    const c = checklist(d);
    const content = item(c, 'R-PRE-012', 'manual');
    assert.equal(content.kind, 'manual', 'the content of a site is the reviewer’s judgement');
    assert.equal(content.group, 'content');
    assert.equal(content.reasonCode, 'CONTENT_SUBJECT_MISMATCH');
    assert.match(content.title.zh, /企业/);
    assert.match(content.title.zh, /经营性/);
    // the name itself is fine: nothing automatic stops the order, the probe of the content does
    assert.equal(
      c.items.some((i) => i.reasonCode === 'CONTENT_SUBJECT_MISMATCH' && i.status === 'fail'),
      false,
    );
    const r = reject(content.reasonCode!, content.field!);
    assert.equal(r.code, 'CONTENT_SUBJECT_MISMATCH');
    assert.equal(r.message, '网站内容与主体性质不符', 'the R-REJ-007 label');
    assert.ok(r.rules.includes('R-PRE-012'));
    assert.ok(!c.items.some((i) => i.id.startsWith('R-PRE-011')), 'the organisation items are not asked for a person');
  });

  it('FAQ-149 R-MAT-003: a black-and-white photocopy of the licence is rejected with CERT_IMAGE_INCOMPLETE, asking for a colour original', () => {
    const d = orgDraft();
    assert.equal(d.subject?.name, '广州示例科技有限公司');
    const c = checklist(d);
    const cert = item(c, 'R-MAT-003', 'manual');
    assert.match(cert.title.zh, /彩色/);
    assert.match(cert.title.zh, /原件/);
    assert.match(cert.title.zh, /正反面/);
    assert.match(cert.hint?.zh ?? '', /CERT_IMAGE_INCOMPLETE/);
    assert.match(cert.hint?.zh ?? '', /黑白复印件/);
    // both sides are there, so the automatic part of R-MAT-003 passes; the colour is the reviewer's finding
    assert.equal(checkFiling(d, ctx()).violations.filter((v) => v.rule === 'R-MAT-003').length, 0);
    const r = reject('CERT_IMAGE_INCOMPLETE', 'materials');
    assert.equal(r.message, '证件不完整');
    assert.match(r.fix ?? '', /彩色/);
    assert.match(r.fix ?? '', /黑白复印件/);
    assert.ok(r.rules.includes('R-MAT-003'));
    assert.ok(catalogueFor('initial').some((x) => x.code === 'CERT_IMAGE_INCOMPLETE'));
  });

  it('FAQ-156 R-MAT-009 R-MAT-010: seal and signature in the website-principal area pass; handwritten notes in the subject section warn', () => {
    const noted = withSheet(orgDraft(), sheet({ seal: 'OFFICIAL', handwrittenMarks: ['OTHER'] }));
    const c = checklist(noted);
    assert.equal(item(c, 'R-MAT-010').status, 'pass', 'the seal is where it belongs');
    const marks = item(c, 'R-MAT-009');
    assert.equal(marks.status, 'warn');
    assert.equal(marks.reasonCode, 'SHEET_HANDWRITING');
    assert.equal(marks.violations?.[0].field, `materials[${noted.materials!.length - 1}]`);
    assert.equal(marks.blocksApproval, false, 'a warning for the reviewer, not a rejection');
    assert.equal(checkFiling(noted, ctx()).blocking, false);

    const clean = withSheet(orgDraft(), sheet({ seal: 'OFFICIAL' }));
    assert.equal(item(checklist(clean), 'R-MAT-009').status, 'pass');
    // a contract seal in the same place is still a seal failure (R-MAT-010)
    const contract = withSheet(orgDraft(), sheet({ seal: 'CONTRACT' }));
    assert.equal(item(checklist(contract), 'R-MAT-010').status, 'fail');
  });

  it('FAQ-153 R-MAT-008 R-MAT-009: a domain list handwritten into the blank domain box is accepted by review', () => {
    const d = withSheet(orgDraft(), sheet({ seal: 'OFFICIAL', handwrittenMarks: ['DOMAIN_LIST'] }));
    const c = checklist(d);
    assert.equal(item(c, 'R-MAT-009').status, 'pass');
    assert.deepEqual(c.blocking, []);
    assert.deepEqual(checkFiling(d, ctx()).violations, []);
    // the province remarks the sheet asks for are not "other handwriting" either (R-MAT-011, R-MAT-013)
    const remarks = withSheet(
      orgDraft(),
      sheet({ seal: 'OFFICIAL', handwrittenMarks: ['DOMAIN_LIST', 'PROVINCE_REMARK'] }),
    );
    assert.equal(item(checklist(remarks), 'R-MAT-009').status, 'pass');
  });

  it('FAQ-195 R-PRE-014 R-REJ-008: SITE_OPEN_BEFORE_FILING is a probe item with evidence; its remedy is to close the site, mind DNS/CDN caches and resubmit', () => {
    const c = checklist(personalDraft());
    const probe = item(c, 'R-PRE-014', 'manual');
    assert.equal(probe.reasonCode, 'SITE_OPEN_BEFORE_FILING');
    assert.equal(probe.field, 'websites[0].domains');
    assert.match(probe.title.zh, /网站正在建设中/);
    assert.match(probe.hint?.zh ?? '', /URL/);
    assert.match(probe.hint?.zh ?? '', /HTTP 状态或页面标题/);
    const r = reject('SITE_OPEN_BEFORE_FILING', 'websites[0].domains');
    assert.equal(r.message, '网站未备案通过前已开通');
    assert.match(r.fix ?? '', /域名解析/);
    assert.match(r.fix ?? '', /CDN/);
    assert.match(r.fix ?? '', /重新提交/);
    // the same reason exists for the bureau's probe
    assert.equal(reject('SITE_OPEN_BEFORE_FILING', 'websites[0].domains', 'bureau').code, 'SITE_OPEN_BEFORE_FILING');
    // only orders that open a new site are probed this way
    const change = orgDraft({ orderType: 'CHANGE_WEBSITE', subjectFilingNumber: '粤ICP备18000001号' });
    assert.ok(!checklist(change).items.some((i) => i.id === 'R-PRE-014'));
  });

  it('FAQ-196 R-REJ-008 R-WEB-015: a bureau WEBSITE_NAME_INVALID rejection carries a remedy pointing to the naming rules', () => {
    const entry = catalogueReason('WEBSITE_NAME_INVALID');
    assert.ok(entry?.stages.includes('bureau'));
    assert.ok(entry?.rules.includes('R-WEB-015'), 'the reason is tied to the naming rules');
    const r = reject('WEBSITE_NAME_INVALID', 'websites[0].name', 'bureau');
    assert.match(r.fix ?? '', /命名规则/);
    assert.ok(r.rules.includes('R-WEB-015'));
    const en = resolveReasons([{ code: 'WEBSITE_NAME_INVALID', field: 'websites[0].name' }], 'bureau', 'en');
    assert.ok(en.ok);
    assert.match(en.reasons[0].fix ?? '', /naming rules/);
  });

  it('FAQ-197 R-REJ-008 R-PRE-011 R-PRE-013: the CONTENT_SUBJECT_MISMATCH remedy lists the five content requirements', () => {
    const r = reject('CONTENT_SUBJECT_MISMATCH', 'websites[0]', 'bureau');
    const fix = r.fix ?? '';
    assert.match(fix, /本单位自身内容/, 'content must match the organisation');
    assert.match(fix, /不涉及其他单位/, 'no other organisations');
    assert.match(fix, /前置审批.*审批文件/, 'no pre-approval content without approval');
    assert.match(fix, /已备案网站需悬挂备案号/, 'filed sites show the filing number');
    assert.match(fix, /未备案网站不得开通访问/, 'unfiled sites stay closed');
    assert.ok(r.rules.includes('R-PRE-011'));
    // the organisation's initial review asks the four content questions of R-PRE-011, plus R-PRE-013 for changes
    const change = checklist(
      orgDraft({
        orderType: 'CHANGE_WEBSITE',
        subjectFilingNumber: '粤ICP备18000001号',
        websites: [orgWebsite({ filingNumber: '粤ICP备18000001号-1' })],
      }),
      ctx({ registry: { subjects: [filedSubject()], websites: [filedWebsite()] } }),
    );
    for (const id of ['R-PRE-011-a', 'R-PRE-011-b', 'R-PRE-011-c', 'R-PRE-011-d'])
      assert.equal(item(change, id).reasonCode, 'CONTENT_SUBJECT_MISMATCH');
    assert.equal(item(change, 'R-PRE-013').reasonCode, 'FILING_NUMBER_NOT_DISPLAYED');
  });

  it('FAQ-272 R-EXT-012 R-CHG-010: a CHANGE_WEBSITE adding a 文网文 is rejected with CULTURE_LICENCE_NOT_DISPLAYED until the number is shown', () => {
    const culture: PreApproval = {
      category: 'CULTURE',
      cultureLicence: true,
      number: '粤网文〔2018〕0001-001',
      authority: '广东省文化厅',
      issueDate: '2018-01-10',
      expiryDate: '2021-01-10',
      activities: ['MUSIC'],
      documentBlobId: 'b-culture-colour-scan',
    };
    const d = orgDraft({
      orderType: 'CHANGE_WEBSITE',
      subjectFilingNumber: '粤ICP备18000001号',
      websites: [
        orgWebsite({
          filingNumber: '粤ICP备18000001号-1',
          preApprovalCategories: ['CULTURE'],
          preApprovals: [culture],
        }),
      ],
    });
    const probed = (cultureLicenceShown: boolean) =>
      ctx({
        registry: {
          subjects: [filedSubject()],
          websites: [filedWebsite({ probe: { reachable: true, filingNumberShown: true, cultureLicenceShown } })],
        },
      });
    const before = checklist(d, probed(false));
    const shown = item(before, 'R-EXT-012');
    assert.equal(shown.status, 'fail');
    assert.equal(shown.reasonCode, 'CULTURE_LICENCE_NOT_DISPLAYED');
    assert.ok(
      before.blocking.some((i) => i.id === 'R-EXT-012'),
      'initial review cannot approve the change while the number is missing',
    );
    // the reviewer rejects at the very field the finding names
    const r = reject('CULTURE_LICENCE_NOT_DISPLAYED', shown.violations![0].field);
    assert.equal(r.field, 'websites[0].preApprovals');
    assert.ok(r.rules.includes('R-EXT-012'));

    const after = checklist(d, probed(true));
    assert.equal(item(after, 'R-EXT-012').status, 'pass');
    assert.ok(!after.blocking.some((i) => i.id === 'R-EXT-012'));
  });

  it('R-MAT-022: an electronic or composited curtain is a re-review rejection (PHOTO_EDITED), in the customer guidance and the checklist', () => {
    const guidance = photoChecklist('广东', ctx(), { orderType: 'FIRST', providerName: '示例云' });
    const edited = guidance.items.find((i) => i.rule === 'R-MAT-022');
    assert.equal(edited?.code, 'PHOTO_EDITED');
    assert.equal(edited?.rejects, true);
    const rereview = buildChecklist({
      stage: 're-review',
      draft: personalDraft({ subjectPrincipal: 张三 }),
      ctx: ctx(),
      violations: [],
      rules: ruleRegistry,
      provinceRules: provinceTable.广东,
      curtainText: null,
      serverExpired: false,
      calls: null,
    });
    const photo = item(rereview, 'R-MAT-021-d');
    assert.ok(photo.rules.includes('R-MAT-022'));
    assert.equal(photo.reasonCode, 'PHOTO_EDITED');
    assert.match(photo.title.zh, /电子幕布/);
    const r = resolveReasons([{ code: 'PHOTO_EDITED', field: 'materials' }], 're-review');
    assert.ok(r.ok);
    assert.ok(r.reasons[0].rules.includes('R-MAT-022'));
  });
});
