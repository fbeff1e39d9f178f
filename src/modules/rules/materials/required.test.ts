import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ORDER_TYPES, type OrderType, type Province, SUBJECT_TYPES, type SubjectType } from '../draft.ts';
import { applyOverrides, provinceTable } from '../provinces/table.ts';
import { ctxFor, draftFor, 张三, 李四, 王五 } from '../provinces/test-support.ts';
import { PROVINCE_NAMES } from '../provinces/types.ts';
import { MAX_IMAGE_BYTES } from './acceptance.ts';
import { birthDateOfResidentId, type RequiredMaterial, requiredMaterials } from './required.ts';

/** kind, or kind@website for per-website entries, sorted: a compact, readable picture of the list. */
const picture = (rs: RequiredMaterial[]): string[] =>
  rs.map((r) => `${r.kind}${r.websiteIndex === undefined ? '' : `@${r.websiteIndex}`}${r.optional ? '?' : ''}`).sort();

/**
 * The matrix: province × subject type × order type → the materials. Two websites, website 0 run by 王五 (not the legal
 * representative) and website 1 by the subject principal, so that per-website and per-person entries are visible.
 */
function twoSiteDraft(province: Province, subjectType: SubjectType, orderType: OrderType) {
  const personal = subjectType === 'PERSONAL';
  return draftFor({
    province,
    subjectType,
    orderType,
    websites: personal
      ? [
          { name: '张三的随笔', domains: ['example-a.cn'], principalSameAsSubject: true },
          { name: '张三的相册', domains: ['example-b.cn'], principalSameAsSubject: true },
        ]
      : [
          { name: '示例科技官网', domains: ['example-a.cn'], principal: 王五 },
          { name: '示例科技商城', domains: ['example-b.cn'], principalSameAsSubject: true },
        ],
  });
}

const ORG_FILING = [
  'SUBJECT_CERT_FRONT',
  'SUBJECT_PRINCIPAL_ID_FRONT',
  'SUBJECT_PRINCIPAL_ID_BACK',
  'WEBSITE_PRINCIPAL_ID_FRONT@0',
  'WEBSITE_PRINCIPAL_ID_BACK@0',
  'VERIFICATION_SHEET@0',
  'VERIFICATION_SHEET@1',
  'HANDHELD_PHOTO@0',
  'HANDHELD_PHOTO@1',
  'CURTAIN_PHOTO@0',
  'CURTAIN_PHOTO@1',
];
const PERSONAL_FILING = [
  'SUBJECT_CERT_FRONT',
  'SUBJECT_CERT_BACK',
  'VERIFICATION_SHEET@0',
  'VERIFICATION_SHEET@1',
  'HANDHELD_PHOTO@0',
  'CURTAIN_PHOTO@0',
];
const ORG_CHANGE_WEBSITE = [
  'WEBSITE_PRINCIPAL_ID_FRONT@0',
  'WEBSITE_PRINCIPAL_ID_BACK@0',
  'WEBSITE_PRINCIPAL_ID_FRONT@1',
  'WEBSITE_PRINCIPAL_ID_BACK@1',
  'VERIFICATION_SHEET@0',
  'VERIFICATION_SHEET@1',
  'HANDHELD_PHOTO@0',
  'HANDHELD_PHOTO@1',
  'CURTAIN_PHOTO@0',
  'CURTAIN_PHOTO@1',
];

const MATRIX: [Province, SubjectType, OrderType, string[]][] = [
  // The standard 「五图」 by order type in a province without extra rules.
  ['广东', 'ENTERPRISE', 'FIRST', ORG_FILING],
  ['广东', 'ENTERPRISE', 'ADD_WEBSITE', ORG_FILING],
  ['广东', 'ENTERPRISE', 'ACCESS', ORG_FILING],
  ['广东', 'PERSONAL', 'FIRST', PERSONAL_FILING],
  ['广东', 'PERSONAL', 'ACCESS', PERSONAL_FILING],
  [
    '广东',
    'ENTERPRISE',
    'CHANGE_SUBJECT',
    [
      'SUBJECT_CERT_FRONT',
      'SUBJECT_PRINCIPAL_ID_FRONT',
      'SUBJECT_PRINCIPAL_ID_BACK',
      'VERIFICATION_SHEET',
      'CHANGE_LETTER?',
      'CURTAIN_PHOTO',
    ],
  ],
  [
    '广东',
    'PERSONAL',
    'CHANGE_SUBJECT',
    ['SUBJECT_CERT_FRONT', 'SUBJECT_CERT_BACK', 'VERIFICATION_SHEET', 'CHANGE_LETTER?', 'CURTAIN_PHOTO'],
  ],
  ['广东', 'ENTERPRISE', 'CHANGE_WEBSITE', ORG_CHANGE_WEBSITE],
  [
    '广东',
    'ENTERPRISE',
    'CHANGE_ACCESS',
    ['VERIFICATION_SHEET@0', 'VERIFICATION_SHEET@1', 'CURTAIN_PHOTO@0', 'CURTAIN_PHOTO@1'],
  ],
  ['广东', 'ENTERPRISE', 'CANCEL_SUBJECT', []],
  ['广东', 'PERSONAL', 'CANCEL_WEBSITE', []],
  ['广东', 'INDIVIDUAL_BUSINESS', 'CANCEL_ACCESS', []],
  // Other organisation types need the same images.
  ['山西', 'INDIVIDUAL_BUSINESS', 'FIRST', ORG_FILING],
  ['山西', 'PUBLIC_INSTITUTION', 'ADD_WEBSITE', ORG_FILING],
  ['山西', 'OTHER_ORG', 'ACCESS', ORG_FILING],
  // R-PRV-008: the letter for 王五's website in the five provinces, for every order type that carries website principals.
  ['上海', 'ENTERPRISE', 'FIRST', [...ORG_FILING, 'LEGAL_REP_AUTH_LETTER@0']],
  ['湖北', 'ENTERPRISE', 'ADD_WEBSITE', [...ORG_FILING, 'LEGAL_REP_AUTH_LETTER@0']],
  ['贵州', 'ENTERPRISE', 'ACCESS', [...ORG_FILING, 'LEGAL_REP_AUTH_LETTER@0']],
  ['天津', 'ENTERPRISE', 'CHANGE_WEBSITE', [...ORG_CHANGE_WEBSITE, 'LEGAL_REP_AUTH_LETTER@0']],
  // 张三's ID was issued in 广东: filing elsewhere adds the residence permit (R-SUB-008).
  ['湖南', 'PERSONAL', 'FIRST', [...PERSONAL_FILING, 'RESIDENCE_PERMIT']],
  [
    '湖南',
    'ENTERPRISE',
    'CHANGE_ACCESS',
    ['VERIFICATION_SHEET@0', 'VERIFICATION_SHEET@1', 'CURTAIN_PHOTO@0', 'CURTAIN_PHOTO@1'],
  ],
  // R-PRV-019: 新疆 for FIRST and ADD_WEBSITE only.
  ['新疆', 'ENTERPRISE', 'FIRST', [...ORG_FILING, 'XJ_PARTY_PROOF']],
  ['新疆', 'PERSONAL', 'ADD_WEBSITE', [...PERSONAL_FILING, 'XJ_PARTY_PROOF']],
  ['新疆', 'ENTERPRISE', 'ACCESS', ORG_FILING],
  ['新疆', 'ENTERPRISE', 'CANCEL_SUBJECT', []],
  // Provinces whose rules concern how materials look, not which: the list is the plain one.
  ['北京', 'ENTERPRISE', 'FIRST', ORG_FILING],
  ['江西', 'PERSONAL', 'FIRST', [...PERSONAL_FILING, 'RESIDENCE_PERMIT']],
  ['江西', 'PERSONAL', 'ACCESS', PERSONAL_FILING],
  ['黑龙江', 'ENTERPRISE', 'ACCESS', ORG_FILING],
];

describe('requiredMaterials matrix (province × subject type × order type)', () => {
  for (const [province, subjectType, orderType, expected] of MATRIX) {
    test(`R-MAT-002: ${province} ${subjectType} ${orderType}`, () => {
      assert.deepEqual(
        picture(requiredMaterials(twoSiteDraft(province, subjectType, orderType), ctxFor())),
        [...expected].sort(),
      );
    });
  }

  test('R-MAT-002 R-MAT-016 R-MAT-020: over all 31 × 5 × 9 combinations the list is well formed', () => {
    for (const p of PROVINCE_NAMES) {
      const rules = provinceTable[p];
      for (const s of SUBJECT_TYPES) {
        for (const o of ORDER_TYPES) {
          const list = requiredMaterials(twoSiteDraft(p, s, o), ctxFor());
          const label = `${p} ${s} ${o}`;
          if (o.startsWith('CANCEL_')) assert.deepEqual(list, [], label);
          else
            assert.ok(
              list.some((r) => r.kind === 'CURTAIN_PHOTO'),
              label,
            );
          for (const r of list) {
            assert.equal(r.accepts.maxBytes, MAX_IMAGE_BYTES, label);
            assert.deepEqual(
              r.accepts.formats,
              r.kind === 'CURTAIN_PHOTO' ? ['jpg', 'jpeg', 'png', 'gif'] : ['jpg', 'jpeg', 'png'],
              label,
            );
            assert.equal(r.stage, r.kind === 'CURTAIN_PHOTO' ? 'PHOTO' : 'SUBMIT', label);
            assert.ok(r.reason.zh && r.reason.en && /^R-[A-Z]{3}-\d{3}$/.test(r.rule), label);
          }
          const kinds = new Set(list.map((r) => r.kind));
          assert.equal(
            kinds.has('LEGAL_REP_AUTH_LETTER'),
            rules.legalRepAuthLetterIfNotLegalRep &&
              s !== 'PERSONAL' &&
              ['FIRST', 'ADD_WEBSITE', 'ACCESS', 'CHANGE_WEBSITE'].includes(o),
            label,
          );
          assert.equal(kinds.has('XJ_PARTY_PROOF'), (rules.partyBuildingProof as readonly string[]).includes(o), label);
          assert.equal(kinds.has('FOREIGN_REP_AUTHORISATION'), false, label);
        }
      }
    }
  });

  test('R-MAT-005: the handheld photo of an organisation in 北京 names the licence duplicate (副本); 广东 accepts either copy', () => {
    const hand = (p: Province) =>
      requiredMaterials(twoSiteDraft(p, 'ENTERPRISE', 'FIRST'), ctxFor()).find((r) => r.kind === 'HANDHELD_PHOTO')!;
    assert.match(hand('北京').reason.zh, /营业执照副本/);
    assert.match(hand('广东').reason.zh, /副本或正本/);
  });

  test('FAQ-134 R-MAT-005: the handheld photo is the website principal’s (王五), not the subject principal’s (李四)', () => {
    const d = draftFor({
      province: '广东',
      subjectPrincipal: 李四,
      websites: [{ name: '示例科技官网', domains: ['example-a.cn'], principal: 王五 }],
    });
    const hand = requiredMaterials(d, ctxFor()).filter((r) => r.kind === 'HANDHELD_PHOTO');
    assert.equal(hand.length, 1);
    assert.match(hand[0].reason.zh, /网站负责人（王五）/);
    assert.doesNotMatch(hand[0].reason.zh, /李四/);
  });

  test('R-MAT-016: one curtain photo per distinct website principal, however many websites they run', () => {
    const d = draftFor({
      websites: [
        { name: 'A', domains: ['example-a.cn'], principal: 王五 },
        { name: 'B', domains: ['example-b.cn'], principal: 李四 },
        { name: 'C', domains: ['example-c.cn'], principal: 王五 },
        { name: 'D', domains: ['example-d.cn'], principalSameAsSubject: true },
      ],
    });
    const curtains = requiredMaterials(d, ctxFor()).filter((r) => r.kind === 'CURTAIN_PHOTO');
    assert.deepEqual(
      curtains.map((r) => r.websiteIndexes),
      [
        [0, 2],
        [1, 3],
      ],
    );
  });

  test('R-PRV-020: a 广东 finance website adds the four-part package; optional finance approval everywhere', () => {
    const d = draftFor({
      province: '广东',
      websites: [{ name: '示例理财平台', domains: ['example-fin.cn'], principal: 李四 }],
    });
    const list = picture(requiredMaterials(d, ctxFor()));
    for (const k of [
      'GD_FINANCE_UNDERTAKING@0',
      'GD_BUSINESS_INTRO@0',
      'GD_WEBSITE_INTRO@0',
      'LICENCE_COPY@0',
      'FINANCE_APPROVAL@0?',
    ])
      assert.ok(list.includes(k), k);
    const zj = picture(requiredMaterials({ ...d, province: '浙江' }, ctxFor()));
    assert.ok(zj.includes('FINANCE_APPROVAL@0?'));
    assert.ok(!zj.some((k) => k.startsWith('GD_')));
    assert.ok(!picture(requiredMaterials(d, ctxFor({ today: '2016-06-19' }))).some((k) => k.startsWith('GD_')));
  });

  test('R-PRV-023: 河北 with a foreign legal rep and a PRC principal needs the authorisation; 广东 does not', () => {
    const d = draftFor({ province: '河北', subjectPrincipal: 王五 });
    d.subject!.legalRepresentative = {
      name: 'John Smith',
      certificateType: 'PASSPORT',
      certificateNumber: 'P1234567',
      nationality: 'GB',
    };
    assert.ok(picture(requiredMaterials(d, ctxFor())).includes('FOREIGN_REP_AUTHORISATION'));
    assert.ok(!picture(requiredMaterials({ ...d, province: '广东' }, ctxFor())).includes('FOREIGN_REP_AUTHORISATION'));
  });

  test('R-SUB-008: a person filing outside the ID province needs a residence permit where the province allows it', () => {
    const d = draftFor({ province: '浙江', subjectType: 'PERSONAL' }); // 张三's ID was issued in 广东 (44…)
    assert.ok(picture(requiredMaterials(d, ctxFor())).includes('RESIDENCE_PERMIT'));
    assert.ok(!picture(requiredMaterials({ ...d, province: '广东' }, ctxFor())).includes('RESIDENCE_PERMIT'));
    const t = applyOverrides(
      provinceTable,
      [{ province: '浙江', key: 'allowNonLocalPersonal', value: false, effectiveFrom: '2018-01-01', source: 'test' }],
      '2018-11-05',
    );
    assert.ok(!picture(requiredMaterials(d, ctxFor({}, t))).includes('RESIDENCE_PERMIT'));
  });

  test('R-SUB-012: a principal under 18 under the SUPPLEMENT default is asked for the guardian’s consent', () => {
    const minor = { ...张三, certificateNumber: '440106200304050012' };
    const d = draftFor({ subjectType: 'PERSONAL', subjectPrincipal: minor });
    d.subject!.certificateNumber = minor.certificateNumber;
    assert.equal(birthDateOfResidentId(minor.certificateNumber), '2003-04-05');
    assert.ok(picture(requiredMaterials(d, ctxFor())).includes('GUARDIAN_CONSENT'));
    assert.ok(!picture(requiredMaterials(d, ctxFor({ today: '2021-04-05' }))).includes('GUARDIAN_CONSENT'));
    const t = applyOverrides(
      provinceTable,
      [{ province: '广东', key: 'minorPrincipal', value: 'ALLOW', effectiveFrom: '2018-01-01', source: 'test' }],
      '2018-11-05',
    );
    assert.ok(!picture(requiredMaterials(d, ctxFor({}, t))).includes('GUARDIAN_CONSENT'));
  });

  test('R-PRE-003 R-PRE-007 R-WEB-015: pre-approvals, adult-product approvals and 中国/国家 names add their documents', () => {
    const d = draftFor({
      websites: [
        {
          name: '中国示例网',
          domains: ['example-a.cn'],
          principal: 李四,
          preApprovalCategories: ['EDUCATION', 'NEWS'],
          contentTags: ['ADULT_PRODUCTS'],
        },
      ],
    });
    const list = picture(requiredMaterials(d, ctxFor()));
    for (const k of [
      'PRE_APPROVAL_DOC@0',
      'NATIONAL_NAME_APPROVAL@0',
      'ADULT_MARKET_APPROVAL@0',
      'ADULT_HEALTH_APPROVAL@0',
    ])
      assert.ok(list.includes(k), k);
    assert.equal(list.filter((k) => k === 'PRE_APPROVAL_DOC@0').length, 2);
    d.subject!.nationalLevel = true;
    assert.ok(!picture(requiredMaterials(d, ctxFor())).includes('NATIONAL_NAME_APPROVAL@0'));
  });

  test('FAQ-219 R-MAT-012: a CHANGE_SUBJECT asks for uploads only; nothing is to be mailed', () => {
    const list = requiredMaterials(twoSiteDraft('广东', 'ENTERPRISE', 'CHANGE_SUBJECT'), ctxFor());
    assert.ok(list.length > 0);
    for (const r of list) {
      assert.ok(r.accepts.formats.length > 0);
      assert.doesNotMatch(r.reason.zh, /邮寄|寄送|原件寄/);
    }
  });
});
