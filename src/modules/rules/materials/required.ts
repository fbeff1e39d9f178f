import type { LocalizedText } from '../../../platform/i18n.ts';
import type { CheckContext } from '../context.ts';
import { ageOn } from '../dates.ts';
import type { CertificateType, FilingDraft, MaterialKind, OrderType, Principal } from '../draft.ts';
import {
  distinctWebsitePrincipals,
  isFinanceWebsite,
  isLegalRep,
  isOrg,
  rulesOf,
  samePerson,
  websitePrincipal,
} from '../provinces/facts.ts';
import { provinceOfCode } from '../validators/regions.ts';
import { acceptsFor, type UploadAcceptance } from './acceptance.ts';

/**
 * The materials an order needs (R-MAT-002 and every rule that asks for a document), by order type, subject type and
 * province. The console renders it as the upload page; the rules in `rules.ts` check the draft against it.
 *
 * Per order type (the catalogue lists the 「五图」 for filings; what a change order needs is interpretation, marked):
 * - FIRST, ADD_WEBSITE, ACCESS: subject certificate, subject-principal ID (organisations; for a person the
 *   certificate is the ID, R-SUB-011), website-principal ID per website, verification sheet per website (R-MAT-007),
 *   handheld photo per distinct website principal (R-MAT-005); curtain photo per distinct website principal at the
 *   photo step (R-MAT-016).
 * - CHANGE_SUBJECT: subject certificate, subject-principal ID, one verification sheet (the FAQ's change letter is
 *   merged into it, R-MAT-015), curtain photo of the subject principal (R-MAT-016) *(interp.)*.
 * - CHANGE_WEBSITE: per changed website the website-principal ID and sheet, handheld and curtain photo per distinct
 *   website principal *(interp.)*.
 * - CHANGE_ACCESS: sheet per website, curtain photo per distinct website principal *(interp.)*.
 * - CANCEL_*: none; cancellation is password-based (R-CHG-011, R-MAT-016 note).
 * Nothing is ever mailed (R-MAT-012): every entry is an upload.
 */

export type MaterialStage = 'SUBMIT' | 'PHOTO';

export interface RequiredMaterial {
  kind: MaterialKind;
  /** For per-website documents; absent for order-level ones. */
  websiteIndex?: number;
  /** For per-person photos: every website of that person; the upload may name any of them. */
  websiteIndexes?: number[];
  /** The catalogue rule that asks for it. */
  rule: string;
  reason: LocalizedText;
  accepts: UploadAcceptance;
  /** SUBMIT: needed before initial review; PHOTO: needed before 提交照片 (R-ORD-020). */
  stage: MaterialStage;
  /** Recommended, never required (e.g. R-PRE-010's finance approval outside 广东). */
  optional?: boolean;
}

const FILINGS: readonly OrderType[] = ['FIRST', 'ADD_WEBSITE', 'ACCESS'];
const TWO_SIDED: readonly CertificateType[] = [
  'RESIDENT_ID',
  'HK_MACAO_PERMIT',
  'TAIWAN_PERMIT',
  'FOREIGN_PERMANENT_RESIDENT_ID',
];

/** Identity cards and permits have two sides; licences, certificates and the passport photo page have one. */
export function isTwoSided(type: CertificateType | undefined): boolean {
  return type !== undefined && TWO_SIDED.includes(type);
}

/** Birth date of an 18-digit resident ID (digits 7–14), if well formed. */
export function birthDateOfResidentId(id: string | undefined): string | undefined {
  const m = /^\d{6}(\d{4})(\d{2})(\d{2})\d{3}[\dXx]$/.exec(id?.trim() ?? '');
  return m ? `${m[1]}-${m[2]}-${m[3]}` : undefined;
}

export function requiredMaterials(draft: FilingDraft, ctx: CheckContext): RequiredMaterial[] {
  const type = draft.orderType;
  if (!type || type.startsWith('CANCEL_')) return [];
  const out: RequiredMaterial[] = [];
  const add = (
    kind: MaterialKind,
    rule: string,
    reason: LocalizedText,
    extra: Partial<Pick<RequiredMaterial, 'websiteIndex' | 'websiteIndexes' | 'stage' | 'optional'>> = {},
  ): void => {
    out.push({ kind, rule, reason, accepts: acceptsFor(kind), stage: 'SUBMIT', ...extra });
  };

  const org = isOrg(draft);
  const personal = draft.subject?.type === 'PERSONAL';
  const rules = rulesOf(draft, ctx);
  const websites = draft.websites ?? [];
  const subjectLevel = FILINGS.includes(type) || type === 'CHANGE_SUBJECT';

  // Subject certificate and subject-principal ID.
  if (subjectLevel) {
    const certType = draft.subject?.certificateType ?? (personal ? 'RESIDENT_ID' : undefined);
    add('SUBJECT_CERT_FRONT', 'R-MAT-002', {
      zh: personal ? '主办者身份证件（正面）彩色扫描件' : '主办单位证件彩色扫描件',
      en: personal ? "Colour scan of the subject's ID (front)" : "Colour scan of the organisation's certificate",
    });
    if (isTwoSided(certType)) {
      add('SUBJECT_CERT_BACK', 'R-MAT-003', {
        zh: '主办者身份证件（反面）彩色扫描件',
        en: "Colour scan of the subject's ID (back)",
      });
    }
    if (org) {
      add('SUBJECT_PRINCIPAL_ID_FRONT', 'R-MAT-002', {
        zh: '主体负责人身份证件（正面）彩色扫描件',
        en: "Colour scan of the subject principal's ID (front)",
      });
      if (isTwoSided(draft.subjectPrincipal?.certificateType ?? 'RESIDENT_ID')) {
        add('SUBJECT_PRINCIPAL_ID_BACK', 'R-MAT-003', {
          zh: '主体负责人身份证件（反面）彩色扫描件',
          en: "Colour scan of the subject principal's ID (back)",
        });
      }
    }
  }

  // The person whose ID is already in the order at subject level (for a person: the subject itself).
  const subjectPerson: Principal | undefined = personal
    ? { name: draft.subject?.name, certificateNumber: draft.subject?.certificateNumber }
    : draft.subjectPrincipal;

  // Per-website documents.
  if (FILINGS.includes(type) || type === 'CHANGE_WEBSITE') {
    websites.forEach((w, i) => {
      const p = websitePrincipal(draft, w);
      const coveredBySubjectLevel =
        subjectLevel && (w.principalSameAsSubject === true || samePerson(p, subjectPerson) === true);
      if (coveredBySubjectLevel) return;
      add(
        'WEBSITE_PRINCIPAL_ID_FRONT',
        'R-MAT-002',
        { zh: `网站 ${i + 1} 负责人身份证件（正面）`, en: `Website ${i + 1} principal's ID (front)` },
        { websiteIndex: i },
      );
      if (isTwoSided(p?.certificateType ?? 'RESIDENT_ID')) {
        add(
          'WEBSITE_PRINCIPAL_ID_BACK',
          'R-MAT-003',
          { zh: `网站 ${i + 1} 负责人身份证件（反面）`, en: `Website ${i + 1} principal's ID (back)` },
          { websiteIndex: i },
        );
      }
    });
  }
  if (FILINGS.includes(type) || type === 'CHANGE_WEBSITE' || type === 'CHANGE_ACCESS') {
    websites.forEach((_, i) => {
      add(
        'VERIFICATION_SHEET',
        'R-MAT-007',
        {
          zh: `网站 ${i + 1} 的网站备案信息真实性核验单（每个网站单独打印、签字${org ? '并盖章' : ''}）`,
          en: `Verification sheet of website ${i + 1} (one per website, signed${org ? ' and sealed' : ''})`,
        },
        { websiteIndex: i },
      );
    });
  }
  if (type === 'CHANGE_SUBJECT') {
    add('VERIFICATION_SHEET', 'R-MAT-007', {
      zh: '网站备案信息真实性核验单（如需公司变更函，可与核验单拼在一张图片中上传）',
      en: 'Verification sheet (a company change letter may be merged into the same image)',
    });
    add(
      'CHANGE_LETTER',
      'R-MAT-015',
      {
        zh: '公司变更函（如需要；可与核验单合并上传）',
        en: 'Company change letter, where needed (may be merged with the sheet)',
      },
      { optional: true },
    );
  }

  // Per-person photos.
  const people = distinctWebsitePrincipals(draft);
  if (FILINGS.includes(type) || type === 'CHANGE_WEBSITE') {
    for (const person of people) {
      const who = person.principal.name ?? `网站 ${person.websiteIndexes.map((i) => i + 1).join('、')}`;
      add(
        'HANDHELD_PHOTO',
        'R-MAT-005',
        {
          zh: `网站负责人（${who}）手持${org ? (rules?.handheldLicenceCopyOnly ? '营业执照副本' : '营业执照（副本或正本）') : '身份证'}的照片，无需幕布`,
          en: `Photo of the website principal (${who}) holding ${org ? (rules?.handheldLicenceCopyOnly ? 'the licence duplicate (副本)' : 'the business licence (duplicate or original)') : 'their ID card'}; no curtain needed`,
        },
        { websiteIndex: person.websiteIndexes[0], websiteIndexes: person.websiteIndexes },
      );
    }
  }
  if (FILINGS.includes(type) || type === 'CHANGE_WEBSITE' || type === 'CHANGE_ACCESS') {
    for (const person of people) {
      const who = person.principal.name ?? `网站 ${person.websiteIndexes.map((i) => i + 1).join('、')}`;
      add(
        'CURTAIN_PHOTO',
        'R-MAT-016',
        {
          zh: `网站负责人（${who}）站在指定幕布前的半身照`,
          en: `Half-length photo of the website principal (${who}) in front of the provider's curtain`,
        },
        { websiteIndex: person.websiteIndexes[0], websiteIndexes: person.websiteIndexes, stage: 'PHOTO' },
      );
    }
  }
  if (type === 'CHANGE_SUBJECT') {
    add(
      'CURTAIN_PHOTO',
      'R-MAT-016',
      {
        zh: '主体负责人站在指定幕布前的半身照',
        en: "Half-length photo of the subject principal in front of the provider's curtain",
      },
      { stage: 'PHOTO' },
    );
  }

  // Province rules.
  if (rules) {
    if (org && rules.legalRepAuthLetterIfNotLegalRep && (FILINGS.includes(type) || type === 'CHANGE_WEBSITE')) {
      websites.forEach((w, i) => {
        if (isLegalRep(draft, websitePrincipal(draft, w)) !== false) return;
        add(
          'LEGAL_REP_AUTH_LETTER',
          'R-PRV-008',
          {
            zh: `网站 ${i + 1} 的负责人不是法人，${draft.province}地区需提供法人授权书`,
            en: `Website ${i + 1}'s principal is not the legal representative; ${draft.province} requires a legal-rep authorisation letter`,
          },
          { websiteIndex: i },
        );
      });
    }
    if ((rules.partyBuildingProof as readonly string[]).includes(type)) {
      add('XJ_PARTY_PROOF', 'R-PRV-019', {
        zh: `${draft.province}地区新增备案须提供党委网信办出具的党建证明`,
        en: `New filings in ${draft.province} need the party-building certificate`,
      });
    }
    const financeInForce = ctx.today >= '2016-06-20';
    if (rules.financeUndertaking && financeInForce && ['FIRST', 'ADD_WEBSITE', 'CHANGE_WEBSITE'].includes(type)) {
      websites.forEach((w, i) => {
        if (!isFinanceWebsite(draft, w)) return;
        const parts: [MaterialKind, string, string][] = [
          [
            'GD_FINANCE_UNDERTAKING',
            '《承诺书》（加盖公章、法定代表人签字）',
            'the 《承诺书》 (sealed, signed by the legal rep)',
          ],
          ['GD_BUSINESS_INTRO', '公司业务介绍', 'a company business introduction'],
          ['GD_WEBSITE_INTRO', '网站内容介绍', 'a website content introduction'],
          ['LICENCE_COPY', '营业执照复印件', 'a copy of the business licence'],
        ];
        for (const [kind, zh, en] of parts) {
          add(
            kind,
            'R-PRV-020',
            {
              zh: `网站 ${i + 1} 涉及互联网金融，${draft.province}地区需提供${zh}（上传到其他材料位置）`,
              en: `Website ${i + 1} involves internet finance; ${draft.province} requires ${en} (in a supplementary slot)`,
            },
            { websiteIndex: i },
          );
        }
      });
    }
    const rep = draft.subject?.legalRepresentative;
    const repForeign = rep?.nationality
      ? !['CN', 'CHN', '中国'].includes(rep.nationality.toUpperCase())
      : rep?.certificateType === 'PASSPORT';
    if (
      org &&
      rules.foreignLegalRepMustDelegate &&
      repForeign &&
      (type === 'FIRST' || type === 'CHANGE_SUBJECT') &&
      samePerson(draft.subjectPrincipal, rep) === false
    ) {
      add('FOREIGN_REP_AUTHORISATION', 'R-PRV-023', {
        zh: '外籍法人授权中国公民担任主体负责人的授权书',
        en: 'The foreign legal representative’s authorisation of the PRC citizen acting as principal',
      });
    }
    // R-SUB-008: a person filing outside the province of their ID card, where the province allows it.
    const idProvince =
      personal &&
      (draft.subject?.certificateType ?? 'RESIDENT_ID') === 'RESIDENT_ID' &&
      draft.subject?.certificateNumber
        ? provinceOfCode(draft.subject.certificateNumber)
        : undefined;
    if (
      type === 'FIRST' &&
      idProvince &&
      draft.province &&
      idProvince !== draft.province &&
      rules.allowNonLocalPersonal
    ) {
      add('RESIDENCE_PERMIT', 'R-SUB-008', {
        zh: `身份证签发地不是${draft.province}，需上传${draft.province}签发的有效居住证（可与身份证合成一张图片）`,
        en: `The ID was not issued in ${draft.province}; upload a valid residence permit issued there (it may be merged with the ID image)`,
      });
    }
    // R-SUB-012: a principal under 18 where the province asks for supplementary materials.
    const principalId = personal ? draft.subject?.certificateNumber : draft.subjectPrincipal?.certificateNumber;
    const birth = birthDateOfResidentId(principalId);
    if (
      (type === 'FIRST' || type === 'CHANGE_SUBJECT') &&
      rules.minorPrincipal === 'SUPPLEMENT' &&
      birth &&
      ageOn(birth, ctx.today) < 18
    ) {
      add('GUARDIAN_CONSENT', 'R-SUB-012', {
        zh: '主体负责人未满十八周岁，需补交监护人同意书等材料',
        en: 'The subject principal is under 18: supply a guardian’s consent and the other materials the bureau asks for',
      });
    }
  }

  // Content rules that ask for documents.
  if (['FIRST', 'ADD_WEBSITE', 'CHANGE_WEBSITE'].includes(type)) {
    websites.forEach((w, i) => {
      for (const category of new Set(w.preApprovalCategories ?? [])) {
        add(
          'PRE_APPROVAL_DOC',
          'R-PRE-003',
          {
            zh: `网站 ${i + 1} 的前置审批文件（${category}）`,
            en: `Website ${i + 1}: pre-approval document (${category})`,
          },
          { websiteIndex: i },
        );
      }
      if (!draft.subject?.nationalLevel && /中国|国家/.test(w.name ?? '')) {
        add(
          'NATIONAL_NAME_APPROVAL',
          'R-WEB-015',
          {
            zh: `网站 ${i + 1} 名称含「中国」或「国家」，需上传相关部门的批准文件`,
            en: `Website ${i + 1}'s name contains 中国/国家: upload the approval of the relevant department`,
          },
          { websiteIndex: i },
        );
      }
      if (isFinanceWebsite(draft, w)) {
        add(
          'FINANCE_APPROVAL',
          'R-PRE-010',
          {
            zh: `网站 ${i + 1} 涉及金融，建议上传本省金融办专项审批文件`,
            en: `Website ${i + 1} involves finance: the provincial finance office's approval is recommended`,
          },
          { websiteIndex: i, optional: true },
        );
      }
      if (org && (w.contentTags ?? []).includes('ADULT_PRODUCTS')) {
        add(
          'ADULT_MARKET_APPROVAL',
          'R-PRE-007',
          { zh: `网站 ${i + 1}：工商部门许可`, en: `Website ${i + 1}: market-regulation approval` },
          { websiteIndex: i },
        );
        add(
          'ADULT_HEALTH_APPROVAL',
          'R-PRE-007',
          { zh: `网站 ${i + 1}：卫生部门许可`, en: `Website ${i + 1}: health-authority approval` },
          { websiteIndex: i },
        );
      }
    });
  }
  return out;
}
