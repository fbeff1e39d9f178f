import type { CheckContext } from '../context.ts';
import type { FilingDraft, Material, MaterialKind, Principal } from '../draft.ts';
import { materialsOf, rulesOf } from '../provinces/facts.ts';
import { defineRule, type RuleDef } from '../rule.ts';
import type { Violation } from '../violation.ts';
import { checkUpload } from './acceptance.ts';
import { SEASON_TEXT, seasonOf } from './photo-checklist.ts';
import { type RequiredMaterial, requiredMaterials } from './required.ts';

/**
 * R-MAT rules that are checks of the draft. Facts only a person can establish (a seal, a fingerprint, which copy of
 * the licence is held) are recorded on the material by the reviewer or OCR; while a fact is unrecorded the rule is
 * silent, and the review checklist asks for it.
 */

const ALL_BUT_CANCEL = ['FIRST', 'ADD_WEBSITE', 'ACCESS', 'CHANGE_SUBJECT', 'CHANGE_WEBSITE', 'CHANGE_ACCESS'] as const;

/** R-MAT-001 / R-MAT-020 on every material the draft lists. */
export const uploadAcceptance = defineRule({
  id: 'R-MAT-001',
  code: 'IMAGE_FORMAT',
  severity: 'block',
  field: 'materials[]',
  scope: {},
  title: { zh: '图片格式与大小', en: 'Image format and size' },
  check(draft) {
    return (draft.materials ?? []).flatMap((m, i) => checkUpload(m, `materials[${i}]`));
  },
});

/** Whether `m` satisfies the required entry `r` (same kind, same website or person). */
function satisfies(m: Material, r: RequiredMaterial, websiteCount: number): boolean {
  if (m.kind !== r.kind) return false;
  if (r.websiteIndexes)
    return m.websiteIndex === undefined ? websiteCount <= 1 : r.websiteIndexes.includes(m.websiteIndex);
  if (r.websiteIndex === undefined) return true;
  // In a one-website order a document without an index belongs to that website.
  return m.websiteIndex === r.websiteIndex || (m.websiteIndex === undefined && websiteCount <= 1);
}

/** Required entries of the given stage that the draft does not satisfy. */
export function missingMaterials(
  draft: FilingDraft,
  ctx: CheckContext,
  stage: RequiredMaterial['stage'] = 'SUBMIT',
): RequiredMaterial[] {
  const have = draft.materials ?? [];
  const n = draft.websites?.length ?? 0;
  return requiredMaterials(draft, ctx).filter(
    (r) => r.stage === stage && !r.optional && !have.some((m) => satisfies(m, r, n)),
  );
}

/** The standard images (「五图」) whose absence this rule reports; other documents are reported by their own rules. */
const STANDARD: ReadonlySet<MaterialKind> = new Set([
  'SUBJECT_CERT_FRONT',
  'SUBJECT_CERT_BACK',
  'SUBJECT_PRINCIPAL_ID_FRONT',
  'SUBJECT_PRINCIPAL_ID_BACK',
  'WEBSITE_PRINCIPAL_ID_FRONT',
  'WEBSITE_PRINCIPAL_ID_BACK',
  'HANDHELD_PHOTO',
]);
const FRONT_OF: Partial<Record<MaterialKind, MaterialKind>> = {
  SUBJECT_CERT_BACK: 'SUBJECT_CERT_FRONT',
  SUBJECT_PRINCIPAL_ID_BACK: 'SUBJECT_PRINCIPAL_ID_FRONT',
  WEBSITE_PRINCIPAL_ID_BACK: 'WEBSITE_PRINCIPAL_ID_FRONT',
};

const fieldOf = (r: RequiredMaterial): string =>
  r.websiteIndex === undefined ? 'materials' : `websites[${r.websiteIndex}]`;

/** R-MAT-002: the standard slots must be filled before submission. */
export const standardMaterialsPresent = defineRule({
  id: 'R-MAT-002',
  code: 'MATERIALS_NOT_AS_REQUIRED',
  severity: 'block',
  field: 'materials',
  scope: { orderTypes: ALL_BUT_CANCEL },
  title: { zh: '证件材料须按要求上传', en: 'Standard materials must be uploaded' },
  check(draft, ctx, report) {
    const missing = missingMaterials(draft, ctx);
    return missing
      .filter((r) => STANDARD.has(r.kind))
      .filter((r) => {
        const front = FRONT_OF[r.kind];
        // A back side whose front is there is an incomplete certificate (R-MAT-003), reported there.
        return !front || missing.some((x) => x.kind === front && x.websiteIndex === r.websiteIndex);
      })
      .map((r) =>
        report(
          fieldOf(r),
          { zh: `缺少材料：${r.reason.zh}`, en: `Missing material: ${r.reason.en}` },
          { zh: '请上传清晰、完整的彩色扫描件或照片', en: 'Upload a clear, complete colour scan or photo' },
        ),
      );
  },
});

/** R-MAT-003: both sides of a two-sided certificate (the missing back is detectable; colour/legibility is review). */
export const certificateBothSides = defineRule({
  id: 'R-MAT-003',
  code: 'CERT_IMAGE_INCOMPLETE',
  severity: 'block',
  field: 'materials',
  scope: { orderTypes: ALL_BUT_CANCEL },
  title: { zh: '证件须提供正反面', en: 'Certificates need both sides' },
  check(draft, ctx, report) {
    const missing = missingMaterials(draft, ctx);
    return missing
      .filter((r) => {
        const front = FRONT_OF[r.kind];
        return front && !missing.some((x) => x.kind === front && x.websiteIndex === r.websiteIndex);
      })
      .map((r) =>
        report(
          fieldOf(r),
          { zh: `证件不完整：缺少${r.reason.zh}`, en: `Incomplete certificate: ${r.reason.en} is missing` },
          {
            zh: '请提供原证件的正反面彩色扫描件或拍照件',
            en: 'Provide colour scans or photos of both sides of the original',
          },
        ),
      );
  },
});

const normNo = (s: string | undefined): string => (s ?? '').replace(/\s+/g, '').toUpperCase();

/** R-MAT-004: recognised number ≠ entered number is a warning the customer may ignore; it stays for the reviewer. */
export const ocrMismatch = defineRule({
  id: 'R-MAT-004',
  code: 'CERT_OCR_MISMATCH',
  severity: 'warn',
  field: 'materials[]',
  scope: { orderTypes: ALL_BUT_CANCEL },
  title: { zh: '证件识别结果与填写信息不一致', en: 'Recognised certificate differs from the entered data' },
  check(draft, _ctx, report) {
    const out: Violation[] = [];
    const expected = (m: Material): string | undefined => {
      switch (m.kind) {
        case 'SUBJECT_CERT_FRONT':
          // Without-subject orders enter the old number and record the printed one separately (R-SUB-005).
          return draft.subject?.uploadedCertificateNumber ?? draft.subject?.certificateNumber;
        case 'SUBJECT_PRINCIPAL_ID_FRONT':
          return draft.subjectPrincipal?.certificateNumber;
        case 'WEBSITE_PRINCIPAL_ID_FRONT': {
          const w = m.websiteIndex !== undefined ? draft.websites?.[m.websiteIndex] : undefined;
          const p: Principal | undefined = w?.principalSameAsSubject ? draft.subjectPrincipal : w?.principal;
          return p?.certificateNumber;
        }
        default:
          return undefined;
      }
    };
    (draft.materials ?? []).forEach((m, i) => {
      const want = expected(m);
      if (!m.certificateNumber || !want || normNo(m.certificateNumber) === normNo(want)) return;
      out.push(
        report(
          `materials[${i}].certificateNumber`,
          {
            zh: `证件识别号码（${m.certificateNumber}）与所填信息（${want}）不一致`,
            en: `The recognised number (${m.certificateNumber}) differs from the entered one (${want})`,
          },
          {
            zh: '请核实信息是否一致、图片是否清晰；如没有问题，单击【忽略】后进行下一步',
            en: 'Check the data and the image; if both are right, click 忽略 (ignore) and continue',
          },
        ),
      );
    });
    return out;
  },
});

/** R-MAT-005: in `handheldLicenceCopyOnly` provinces the organisation's handheld photo shows the duplicate (副本). */
export const handheldLicenceCopy = defineRule({
  id: 'R-MAT-005',
  code: 'HANDHELD_PHOTO_INVALID',
  severity: 'block',
  field: 'materials[]',
  scope: { subjectTypes: ['ENTERPRISE', 'INDIVIDUAL_BUSINESS', 'PUBLIC_INSTITUTION', 'OTHER_ORG'] },
  title: {
    zh: '手持证件照须手持营业执照副本（按省份）',
    en: 'Handheld photo must show the licence duplicate (by province)',
  },
  check(draft, ctx, report) {
    if (!rulesOf(draft, ctx)?.handheldLicenceCopyOnly) return [];
    return materialsOf(draft, 'HANDHELD_PHOTO')
      .filter(({ m }) => m.licenceCopy === 'ORIGINAL')
      .map(({ index }) =>
        report(
          `materials[${index}]`,
          {
            zh: `${draft.province}地区的手持证件照必须手持营业执照的副本`,
            en: `In ${draft.province}, the handheld photo must show the business licence duplicate (副本)`,
          },
          {
            zh: '请由网站负责人手持营业执照副本重新拍摄，保证五官可见、证件清晰无遮挡',
            en: 'Retake it with the website principal holding the duplicate, face fully visible and the licence legible',
          },
        ),
      );
  },
});

/** R-MAT-007: one sheet per website. */
export const sheetPerWebsite = defineRule({
  id: 'R-MAT-007',
  code: 'VERIFICATION_SHEET_PER_WEBSITE',
  severity: 'block',
  field: 'materials',
  scope: { orderTypes: ['FIRST', 'ADD_WEBSITE', 'ACCESS', 'CHANGE_WEBSITE', 'CHANGE_ACCESS'] },
  title: { zh: '每个网站单独上传核验单', en: 'One verification sheet per website' },
  check(draft, ctx, report) {
    const sheets = materialsOf(draft, 'VERIFICATION_SHEET');
    const missing = missingMaterials(draft, ctx).filter((r) => r.kind === 'VERIFICATION_SHEET');
    return missing.map((r) =>
      sheets.length > 0
        ? report(
            fieldOf(r),
            {
              zh: `网站 ${(r.websiteIndex ?? 0) + 1} 没有单独的核验单：每个网站的核验单都需要单独打印、上传`,
              en: `Website ${(r.websiteIndex ?? 0) + 1} has no sheet of its own: each website's sheet is printed and uploaded separately`,
            },
            {
              zh: '请下载该网站的核验单，签字盖章后上传',
              en: "Download this website's sheet, sign (and seal) it and upload it",
            },
          )
        : report(
            fieldOf(r),
            { zh: `缺少材料：${r.reason.zh}`, en: `Missing material: ${r.reason.en}` },
            { zh: '请下载核验单，签字盖章后上传', en: 'Download the sheet, sign (and seal) it and upload it' },
            { code: 'MATERIALS_NOT_AS_REQUIRED' },
          ),
    );
  },
});

/** The website a sheet belongs to (a sheet without index in a one-website order is that website's). */
function sheetWebsite(draft: FilingDraft, m: Material) {
  if (m.websiteIndex !== undefined)
    return { w: draft.websites?.[m.websiteIndex], field: `websites[${m.websiteIndex}]` };
  return (draft.websites?.length ?? 0) === 1 ? { w: draft.websites![0], field: 'websites[0]' } : undefined;
}

const NO_SEAL_REMARK = '个体工商户无公章';

/** R-MAT-010 (and R-MAT-009's signature): who seals the sheet, with which seal. */
export const sheetSeal = defineRule({
  id: 'R-MAT-010',
  code: 'SEAL_INVALID',
  severity: 'block',
  field: 'materials[]',
  scope: { orderTypes: ALL_BUT_CANCEL },
  title: { zh: '核验单签字盖章规则', en: 'Verification-sheet signature and seal' },
  check(draft, ctx, report) {
    const type = draft.subject?.type;
    if (!type) return [];
    const sealRequiredIB = rulesOf(draft, ctx)?.individualBusinessSealRequired === true;
    const out: Violation[] = [];
    for (const { m, index } of materialsOf(draft, 'VERIFICATION_SHEET')) {
      const field = `materials[${index}]`;
      const bad = (zh: string, en: string, fixZh: string, fixEn: string) =>
        out.push(report(field, { zh, en }, { zh: fixZh, en: fixEn }));
      if (m.signed === false) {
        bad(
          '核验单缺少网站负责人签字',
          'The sheet lacks the website principal’s signature',
          '请在最下方网站负责人处签字',
          'Sign in the website-principal area at the bottom',
        );
      }
      if (m.seal === undefined) continue;
      if (type === 'PERSONAL') {
        if (m.seal !== 'NONE')
          bad(
            '个人备案的核验单只需签字，不需要盖章',
            'A personal sheet is signed only, never sealed',
            '请重新打印核验单并仅签字',
            'Print the sheet again and only sign it',
          );
        continue;
      }
      if (m.seal === 'OFFICIAL') continue;
      if (m.seal === 'CONTRACT') {
        bad(
          '核验单不可以盖合同章，需要加盖公司公章',
          'A contract seal is not accepted; the official company seal is required',
          '请加盖公章后重新上传',
          'Seal it with the official seal and upload it again',
        );
        continue;
      }
      // No seal at all.
      if (type === 'INDIVIDUAL_BUSINESS' && draft.subject?.hasOfficialSeal !== true && !sealRequiredIB) {
        const remark = sheetWebsite(draft, m)?.w?.remark ?? '';
        if (remark.includes(NO_SEAL_REMARK)) continue;
        bad(
          `个体工商户无公章时，需在网站备注中注明「${NO_SEAL_REMARK}」`,
          `An individual business without a seal must write 「${NO_SEAL_REMARK}」 in the website remark`,
          `请在网站备注中填写「${NO_SEAL_REMARK}」`,
          `Write 「${NO_SEAL_REMARK}」 in the website remark`,
        );
        continue;
      }
      bad(
        type === 'INDIVIDUAL_BUSINESS'
          ? `${sealRequiredIB ? `${draft.province}地区` : ''}个体工商户的核验单需要加盖公章`
          : '单位备案的核验单需要在网站负责人处加盖公章',
        type === 'INDIVIDUAL_BUSINESS'
          ? `The individual business's sheet must be sealed${sealRequiredIB ? ` in ${draft.province}` : ''}`
          : "An organisation's sheet must carry the official seal in the website-principal area",
        '请加盖公章后重新上传',
        'Seal it with the official seal and upload it again',
      );
    }
    return out;
  },
});

/**
 * R-MAT-009: the customer writes only in the website-principal area. Handwriting elsewhere is a warning for the
 * reviewer, except what the sheet invites: the domain list (R-MAT-008) and the province remarks (R-MAT-011/013).
 */
export const sheetHandwriting = defineRule({
  id: 'R-MAT-009',
  code: 'SHEET_HANDWRITING',
  severity: 'warn',
  field: 'materials[]',
  scope: { orderTypes: ALL_BUT_CANCEL },
  title: {
    zh: '核验单仅在网站负责人处签字（盖章）',
    en: 'The sheet is signed (and sealed) only in the website-principal area',
  },
  check(draft, _ctx, report) {
    return materialsOf(draft, 'VERIFICATION_SHEET')
      .filter(({ m }) => m.handwrittenMarks?.includes('OTHER'))
      .map(({ index }) =>
        report(
          `materials[${index}]`,
          {
            zh: '核验单在网站负责人签字处以外有手写内容',
            en: 'The sheet has handwriting outside the website-principal signature area',
          },
          {
            zh: '请重新打印核验单，只在最下方网站负责人处签字（单位加盖公章）',
            en: 'Print the sheet again and sign (and seal) only in the website-principal area at the bottom',
          },
        ),
      );
  },
});

/** R-MAT-011: in `sheetRegistrarRemark` provinces every domain on the sheet is followed by its registrar. */
export const registrarRemark = defineRule({
  id: 'R-MAT-011',
  code: 'REGISTRAR_REMARK_MISSING',
  severity: 'block',
  field: 'materials[].registrarRemarks',
  scope: { orderTypes: ALL_BUT_CANCEL },
  title: { zh: '核验单域名后备注注册商（按省份）', en: 'Registrar after each domain on the sheet (by province)' },
  check(draft, ctx, report) {
    if (!rulesOf(draft, ctx)?.sheetRegistrarRemark) return [];
    const out: Violation[] = [];
    for (const { m, index } of materialsOf(draft, 'VERIFICATION_SHEET')) {
      if (m.registrarRemarks === undefined) continue;
      const domains = sheetWebsite(draft, m)?.w?.domains ?? [];
      const count = Math.max(domains.length, m.registrarRemarks.length);
      for (let j = 0; j < count; j++) {
        if ((m.registrarRemarks[j] ?? '').trim() !== '') continue;
        const d = domains[j] ?? `#${j + 1}`;
        out.push(
          report(
            `materials[${index}].registrarRemarks[${j}]`,
            {
              zh: `${draft.province}地区需在核验单的域名 ${d} 后备注域名注册商`,
              en: `In ${draft.province}, domain ${d} on the sheet must be followed by its registrar`,
            },
            {
              zh: '注册商即域名注册的公司名称，可通过 whois 查询；请使用平台生成的核验单',
              en: 'The registrar is the company the domain is registered with (see WHOIS); use the generated sheet',
            },
          ),
        );
      }
    }
    return out;
  },
});

/** R-MAT-013. */
export const personalFingerprint = defineRule({
  id: 'R-MAT-013',
  code: 'FINGERPRINT_MISSING',
  severity: 'block',
  field: 'materials[]',
  scope: { subjectTypes: ['PERSONAL'], orderTypes: ALL_BUT_CANCEL },
  title: { zh: '个人核验单按手印（按省份）', en: 'Fingerprint on personal sheets (by province)' },
  check(draft, ctx, report) {
    if (!rulesOf(draft, ctx)?.personalFingerprint) return [];
    return materialsOf(draft, 'VERIFICATION_SHEET')
      .filter(({ m }) => m.fingerprint === false)
      .map(({ index }) =>
        report(
          `materials[${index}]`,
          {
            zh: `${draft.province}地区的个人备案需要网站负责人在签字处按手印`,
            en: `In ${draft.province}, a personal sheet needs the website principal's fingerprint over the signature`,
          },
          {
            zh: '请在签字处按手印后重新扫描上传',
            en: 'Add the fingerprint over the signature and upload the scan again',
          },
        ),
      );
  },
});

/** R-MAT-024: a curtain photo from another season — advice everywhere, a rejection where clothing must suit it. */
export const curtainPhotoSeason = defineRule({
  id: 'R-MAT-024',
  code: 'PHOTO_RETAKE_RECOMMENDED',
  severity: 'warn',
  field: 'materials[]',
  scope: { orderTypes: ALL_BUT_CANCEL },
  title: { zh: '幕布照片拍摄季节', en: 'Season of the curtain photo' },
  check(draft, ctx, report) {
    const seasonal = rulesOf(draft, ctx)?.seasonalClothing === true;
    const now = seasonOf(ctx.today);
    return materialsOf(draft, 'CURTAIN_PHOTO')
      .filter(({ m }) => m.takenOn !== undefined && seasonOf(m.takenOn) !== now)
      .map(({ m, index }) =>
        report(
          `materials[${index}]`,
          seasonal
            ? {
                zh: `${draft.province}地区要求穿着符合当季（${SEASON_TEXT[now].zh}）的衣服拍摄，该照片拍摄于${SEASON_TEXT[seasonOf(m.takenOn!)].zh}`,
                en: `${draft.province} requires clothing of the current season (${SEASON_TEXT[now].en}); this photo was taken in ${SEASON_TEXT[seasonOf(m.takenOn!)].en}`,
              }
            : {
                zh: `照片拍摄于${SEASON_TEXT[seasonOf(m.takenOn!)].zh}，与当前季节不同，建议重新拍摄`,
                en: `The photo was taken in ${SEASON_TEXT[seasonOf(m.takenOn!)].en}, not the current season; a retake is recommended`,
              },
          { zh: '建议重新拍摄', en: 'Retake the photo' },
          seasonal ? { code: 'PHOTO_SEASON', severity: 'block' } : undefined,
        ),
      );
  },
});

export const materialRules: RuleDef[] = [
  uploadAcceptance,
  standardMaterialsPresent,
  certificateBothSides,
  ocrMismatch,
  handheldLicenceCopy,
  sheetPerWebsite,
  sheetSeal,
  sheetHandwriting,
  registrarRemark,
  personalFingerprint,
  curtainPhotoSeason,
];
