import type { FilingDraft, OrderType, SubjectType } from '../draft.ts';
import { defineRule, type RuleDef } from '../rule.ts';
import type { Violation } from '../violation.ts';
import {
  editablePrincipals,
  hasWebsiteMaterial,
  isFinanceWebsite,
  isGameOrCultureWebsite,
  isLegalRep,
  materialsOf,
  phoneKind,
  remarkStatesJobTitle,
  remarkStatesName,
  rulesOf,
  samePerson,
  samePhone,
  websitePrincipal,
} from './facts.ts';
import { certRenewalGroupFor, suffixAllowedInProvince } from './table.ts';
import type { OfficeMobileRemarkElement } from './types.ts';

/**
 * The R-PRV acceptance rules. None of them names a province: each reads its key from `ctx.provinces` (the table in
 * force on the day of the check), so an operator override changes behaviour without code.
 *
 * Rules whose only effect is a value another rule reads are not here: R-PRV-002 (bureau days → R-ORD-022),
 * R-PRV-009 (→ R-WEB-013/014), R-PRV-014/015/016/017 (→ materials rules R-MAT-011/005/021/013), R-PRV-018 (→ curtain
 * text, R-MAT-021(c)), R-PRV-022 (→ bureau R-BUR-009), R-PRV-024 (→ R-EXT-004), R-PRV-025 (defaults read by R-SUB-*,
 * R-PRE-006, R-ORD-031).
 */

const ORG_TYPES: readonly SubjectType[] = ['ENTERPRISE', 'INDIVIDUAL_BUSINESS', 'PUBLIC_INSTITUTION', 'OTHER_ORG'];
/** Orders in which the customer enters principals (see facts.editablePrincipals). */
const PRINCIPAL_ORDERS: readonly OrderType[] = ['FIRST', 'ADD_WEBSITE', 'CHANGE_SUBJECT', 'CHANGE_WEBSITE'];
/** Orders that upload the subject certificate. */
const CERT_UPLOAD_ORDERS: readonly OrderType[] = [
  'FIRST',
  'ADD_WEBSITE',
  'ACCESS',
  'CHANGE_SUBJECT',
  'CHANGE_WEBSITE',
  'CHANGE_ACCESS',
];

/** R-PRV-003 / R-SUB-015. */
export const landlineRequired = defineRule({
  id: 'R-PRV-003',
  code: 'LANDLINE_REQUIRED',
  severity: 'block',
  field: 'subjectPrincipal.officePhone',
  scope: { subjectTypes: ORG_TYPES, orderTypes: PRINCIPAL_ORDERS },
  title: { zh: '单位办公电话须为座机（按省份）', en: 'Organisation office phone must be a landline (by province)' },
  check(draft, ctx, report) {
    if (!rulesOf(draft, ctx)?.orgLandlineRequired) return [];
    return editablePrincipals(draft).flatMap((s) => {
      const kind = phoneKind(s.principal.officePhone);
      if (kind === undefined || kind === 'LANDLINE') return [];
      return [
        report(
          `${s.field}.officePhone`,
          {
            zh: `${draft.province}地区单位备案的办公电话必须填写带区号的座机号码`,
            en: `In ${draft.province}, an organisation's office phone must be a landline with area code`,
          },
          { zh: '请填写座机号码，例如 025-12345678', en: 'Enter a landline number, e.g. 025-12345678' },
        ),
      ];
    });
  },
});

/** Which catalogue rule a remark requirement comes from: job title only (R-PRV-004), name only (005), both (006). */
function remarkRuleId(required: readonly OfficeMobileRemarkElement[]): string {
  const name = required.includes('name');
  const title = required.includes('jobTitle');
  if (name && title) return 'R-PRV-006';
  return name ? 'R-PRV-005' : 'R-PRV-004';
}

const ELEMENT_TEXT = {
  name: { zh: '姓名', en: 'name' },
  jobTitle: { zh: '企业职务', en: 'job title' },
} as const;

/** R-PRV-004 / R-PRV-005 / R-PRV-006: one key, three catalogue entries; the violation cites the one in force. */
export const officeMobileRemark = defineRule({
  id: 'R-PRV-004',
  code: 'OFFICE_MOBILE_REMARK_REQUIRED',
  severity: 'block',
  field: 'subject.remark',
  scope: { subjectTypes: ORG_TYPES, orderTypes: PRINCIPAL_ORDERS },
  title: {
    zh: '办公电话为手机时备注须注明姓名/职务（按省份）',
    en: 'A mobile office phone needs a remark with name/job title (by province)',
  },
  check(draft, ctx, report) {
    const required = rulesOf(draft, ctx)?.mobileAsOfficePhoneRemark ?? [];
    if (required.length === 0) return [];
    const out: Violation[] = [];
    for (const s of editablePrincipals(draft)) {
      if (phoneKind(s.principal.officePhone) !== 'MOBILE') continue;
      const knownNames = [s.principal.name, s.principal.emergencyContact?.name];
      const missing = required.filter((e) =>
        e === 'name' ? !remarkStatesName(s.remark, knownNames) : !remarkStatesJobTitle(s.remark),
      );
      if (missing.length === 0) continue;
      const zh = missing.map((e) => ELEMENT_TEXT[e].zh).join('、');
      const en = missing.map((e) => ELEMENT_TEXT[e].en).join(' and ');
      const all = required.map((e) => ELEMENT_TEXT[e].zh).join('、');
      out.push({
        ...report(
          s.remarkField,
          {
            zh: `${draft.province}地区办公电话填写手机号时，${s.role === 'SUBJECT' ? '主体' : '网站'}备注需注明${all}，当前缺少${zh}`,
            en: `In ${draft.province}, when the office phone is a mobile the ${s.role === 'SUBJECT' ? 'subject' : 'website'} remark must state the holder's ${en}`,
          },
          {
            zh: `请在备注中写明办公电话持有人的${all}，例如「王五，行政经理」`,
            en: `State the holder's ${required.map((e) => ELEMENT_TEXT[e].en).join(' and ')} in the remark, e.g. 「王五，行政经理」, or enter a landline`,
          },
        ),
        rule: remarkRuleId(required),
      });
    }
    return out;
  },
});

/** R-PRV-007. */
export const officePhoneDiffersFromMobile = defineRule({
  id: 'R-PRV-007',
  code: 'OFFICE_PHONE_EQUALS_MOBILE',
  severity: 'block',
  field: 'subjectPrincipal.officePhone',
  scope: { subjectTypes: ORG_TYPES, orderTypes: PRINCIPAL_ORDERS },
  title: {
    zh: '办公电话须与负责人手机号不同（按省份）',
    en: "Office phone must differ from the principal's mobile (by province)",
  },
  check(draft, ctx, report) {
    if (!rulesOf(draft, ctx)?.officePhoneDiffersFromPrincipalMobile) return [];
    return editablePrincipals(draft)
      .filter((s) => samePhone(s.principal.officePhone, s.principal.mobile))
      .map((s) =>
        report(
          `${s.field}.officePhone`,
          {
            zh: `${draft.province}地区负责人的办公电话不能与其手机号相同`,
            en: `In ${draft.province}, the office phone must differ from the same principal's mobile`,
          },
          { zh: '请填写座机或另一个手机号作为办公电话', en: 'Enter a landline or a different number as office phone' },
        ),
      );
  },
});

/** R-PRV-008 / R-SUB-025. */
export const legalRepAuthLetter = defineRule({
  id: 'R-PRV-008',
  code: 'LEGAL_REP_AUTH_MISSING',
  severity: 'block',
  field: 'websites[].principal',
  scope: { subjectTypes: ORG_TYPES, orderTypes: ['FIRST', 'ADD_WEBSITE', 'ACCESS', 'CHANGE_WEBSITE'] },
  title: {
    zh: '网站负责人非法人时需法人授权书（按省份）',
    en: 'Authorisation letter when the website principal is not the legal rep (by province)',
  },
  check(draft, ctx, report) {
    if (!rulesOf(draft, ctx)?.legalRepAuthLetterIfNotLegalRep) return [];
    const out: Violation[] = [];
    (draft.websites ?? []).forEach((w, i) => {
      if (isLegalRep(draft, websitePrincipal(draft, w)) !== false) return;
      if (hasWebsiteMaterial(draft, 'LEGAL_REP_AUTH_LETTER', i)) return;
      out.push(
        report(
          `websites[${i}].principal`,
          {
            zh: `${draft.province}地区单位网站负责人不是法人时，需要提供法人授权书`,
            en: `In ${draft.province}, a website principal who is not the legal representative needs a legal-representative authorisation letter`,
          },
          {
            zh: '请在备案材料下载页下载法人授权书，由法人签字并加盖公章后上传到该网站的其他材料位置',
            en: "Download the authorisation letter template, have it signed by the legal representative and sealed, and upload it to the website's supplementary slot",
          },
        ),
      );
    });
    return out;
  },
});

/** The number printed on the uploaded subject certificate, when known (R-SUB-005). */
function printedCertNumber(draft: FilingDraft): { value: string; field: string } | undefined {
  const s = draft.subject;
  if (s?.uploadedCertificateNumber)
    return { value: s.uploadedCertificateNumber, field: 'subject.uploadedCertificateNumber' };
  const front = materialsOf(draft, 'SUBJECT_CERT_FRONT').find(({ m }) => m.certificateNumber);
  return front
    ? { value: front.m.certificateNumber!, field: `materials[${front.index}].certificateNumber` }
    : undefined;
}

const normCert = (s: string): string => s.replace(/\s+/g, '').toUpperCase();

function enteredDiffersFromPrinted(draft: FilingDraft): { field: string } | undefined {
  const entered = draft.subject?.certificateNumber;
  const printed = printedCertNumber(draft);
  if (!entered || !printed || normCert(entered) === normCert(printed.value)) return undefined;
  return { field: printed.field };
}

/**
 * R-PRV-010: group A accepts the latest certificate with the original number entered; the customer is told now that a
 * CHANGE_SUBJECT to the new number must follow approval (R-CHG-020).
 */
export const certRenewalGroupA = defineRule({
  id: 'R-PRV-010',
  code: 'CERT_UPDATE_PENDING',
  severity: 'warn',
  field: 'subject.uploadedCertificateNumber',
  scope: { orderTypes: ['ADD_WEBSITE', 'ACCESS'] },
  title: {
    zh: '证件更换：A 类省份接入后需变更主体',
    en: 'Renewed certificate: group-A provinces change the subject after access',
  },
  check(draft, ctx, report) {
    const rules = rulesOf(draft, ctx);
    if (!rules || !draft.orderType || certRenewalGroupFor(rules, draft.orderType) !== 'A') return [];
    const diff = enteredDiffersFromPrinted(draft);
    if (!diff) return [];
    return [
      report(
        diff.field,
        {
          zh: '已按原证件号码提交并上传最新证件；备案通过后需提交变更备案，将主体证件变更为最新三证合一证件',
          en: 'You entered the original number and uploaded the latest certificate; after approval, submit a subject change to the new merged licence',
        },
        { zh: '审核通过后请提交变更主体', en: 'Submit a CHANGE_SUBJECT after approval' },
      ),
    ];
  },
});

/** R-PRV-011. */
export const certMustMatchOriginal = defineRule({
  id: 'R-PRV-011',
  code: 'CERT_MUST_MATCH_ORIGINAL',
  severity: 'block',
  field: 'subject.uploadedCertificateNumber',
  scope: { orderTypes: ['ADD_WEBSITE', 'ACCESS'] },
  title: {
    zh: '证件更换：B 类省份须上传原号码证件',
    en: 'Renewed certificate: group-B provinces need the original-number certificate',
  },
  check(draft, ctx, report) {
    const rules = rulesOf(draft, ctx);
    if (!rules || !draft.orderType || certRenewalGroupFor(rules, draft.orderType) !== 'B') return [];
    const diff = enteredDiffersFromPrinted(draft);
    if (!diff) return [];
    return [
      report(
        diff.field,
        {
          zh: `${draft.province}地区需上传与原证件号码一致的有效期内证件`,
          en: `In ${draft.province}, the uploaded certificate must bear the original number and be valid`,
        },
        {
          zh: '请上传与原证件号码一致的有效证件；若无法提供，需要先到原接入商完成变更后再来提交，若原接入商无法配合，可注销原主体后重新备案',
          en: 'Upload a valid certificate bearing the original number; otherwise change the data at the original provider first, or cancel the original subject and file again',
        },
      ),
    ];
  },
});

/** R-PRV-012. An old licence is known by the reviewer's flag or by its 15-digit registration number. */
export const latestCertOnly = defineRule({
  id: 'R-PRV-012',
  code: 'LATEST_CERT_ONLY',
  severity: 'block',
  field: 'materials[]',
  scope: { subjectTypes: ORG_TYPES, orderTypes: CERT_UPLOAD_ORDERS },
  title: { zh: '仅接受最新三证合一证件（按省份）', en: 'Only the latest merged licence (by province)' },
  check(draft, ctx, report) {
    if (!rulesOf(draft, ctx)?.latestCertOnly) return [];
    const msg = {
      zh: `${draft.province}地区不论哪种备案类型，只接受最新三证合一证件`,
      en: `In ${draft.province}, only the latest merged (三证合一) licence is accepted, for every order type`,
    };
    const fix = { zh: '请上传最新的三证合一营业执照', en: 'Upload the latest merged business licence' };
    const fronts = materialsOf(draft, 'SUBJECT_CERT_FRONT');
    const flagged = fronts.filter(
      ({ m }) => m.latestCertificate === false || (m.certificateNumber && /^\d{15}$/.test(m.certificateNumber)),
    );
    if (flagged.length > 0) return flagged.map(({ index }) => report(`materials[${index}]`, msg, fix));
    const printed = draft.subject?.uploadedCertificateNumber;
    if (printed && /^\d{15}$/.test(printed.trim())) return [report('subject.uploadedCertificateNumber', msg, fix)];
    return [];
  },
});

/** R-PRV-013. ACCESS is exempt: its domains are filed already and copied read-only. */
export const suffixAllowed = defineRule({
  id: 'R-PRV-013',
  code: 'SUFFIX_NOT_ALLOWED_IN_PROVINCE',
  severity: 'block',
  field: 'websites[].domains[]',
  scope: { orderTypes: ['FIRST', 'ADD_WEBSITE', 'CHANGE_WEBSITE'] },
  title: { zh: '域名后缀须在本省允许范围内', en: 'Domain suffix must be allowed in the province' },
  check(draft, ctx, report) {
    const rules = rulesOf(draft, ctx);
    if (!rules?.allowedSuffixes) return [];
    const out: Violation[] = [];
    (draft.websites ?? []).forEach((w, i) => {
      (w.domains ?? []).forEach((d, j) => {
        if (!d.trim() || suffixAllowedInProvince(rules, d)) return;
        out.push(
          report(
            `websites[${i}].domains[${j}]`,
            {
              zh: `${draft.province}地区不能备案该域名后缀：${d}（不能使用国别域名、地域域名及在国外注册的域名）`,
              en: `The suffix of ${d} cannot be filed in ${draft.province} (country, regional and foreign-registered domains are refused)`,
            },
            {
              zh: `可备案的后缀：${rules.allowedSuffixes!.suffixes.map((s) => `.${s}`).join(' ')}`,
              en: `Allowed suffixes: ${rules.allowedSuffixes!.suffixes.map((s) => `.${s}`).join(' ')}`,
            },
          ),
        );
      });
    });
    return out;
  },
});

/** R-PRV-019. Support may attach the certificate on the customer's behalf; either way it is an XJ_PARTY_PROOF. */
export const partyBuildingProof = defineRule({
  id: 'R-PRV-019',
  code: 'XJ_PARTY_PROOF_MISSING',
  severity: 'block',
  field: 'materials',
  scope: { orderTypes: ['FIRST', 'ADD_WEBSITE', 'ACCESS'] },
  title: { zh: '党建证明（按省份）', en: 'Party-building certificate (by province)' },
  check(draft, ctx, report) {
    const rules = rulesOf(draft, ctx);
    const type = draft.orderType;
    if (!rules || !type || !(rules.partyBuildingProof as readonly string[]).includes(type)) return [];
    if (materialsOf(draft, 'XJ_PARTY_PROOF').length > 0) return [];
    return [
      report(
        'materials',
        {
          zh: `${draft.province}地区的新增备案必须先取得党委网信办的党建证明`,
          en: `New filings in ${draft.province} need a party-building certificate from the Party committee's cyberspace office`,
        },
        {
          zh: '请取得党建证明后上传，或发送给备案客服由客服添加到订单',
          en: 'Obtain the certificate and upload it, or send it to support, who will attach it to the order',
        },
      ),
    ];
  },
});

/** R-PRV-020: the exact sentence, with the FAQ's 「未取」 typo and the corrected 「未取得」 both accepted. */
const UNDERTAKING_SENTENCES = [
  '在未取金融监管部门批准和省通管局同意之前，不利用互联网从事金融服务。',
  '在未取得金融监管部门批准和省通管局同意之前，不利用互联网从事金融服务。',
];
const compact = (s: string): string => s.replace(/\s+/g, '').replace(/[,，]/g, '，').replace(/[.。]/g, '。');

/** The remark names a courier and a tracking number, for originals sent by post instead of uploaded. */
function remarkHasCourierTracking(remark: string | undefined): boolean {
  if (!remark) return false;
  return (
    /(顺丰|SF|EMS|邮政|圆通|申通|中通|韵达|京东|德邦|百世|天天|极兔|快递)/i.test(remark) &&
    /[A-Z]{0,4}\d{8,}/i.test(remark)
  );
}

export const financeUndertaking = defineRule({
  id: 'R-PRV-020',
  code: 'GD_FINANCE_UNDERTAKING_MISSING',
  severity: 'block',
  field: 'websites[]',
  scope: { orderTypes: ['FIRST', 'ADD_WEBSITE', 'CHANGE_WEBSITE'] },
  effectiveFrom: '2016-06-20',
  title: { zh: '互联网金融网站承诺书材料（按省份）', en: 'Internet-finance undertaking package (by province)' },
  check(draft, ctx, report) {
    if (!rulesOf(draft, ctx)?.financeUndertaking) return [];
    const out: Violation[] = [];
    (draft.websites ?? []).forEach((w, i) => {
      if (!isFinanceWebsite(draft, w)) return;
      const field = `websites[${i}]`;
      const missing = (zh: string, en: string) =>
        report(
          field,
          {
            zh: `${draft.province}地区从事互联网金融的网站需提供：${zh}`,
            en: `In ${draft.province}, an internet-finance website needs: ${en}`,
          },
          {
            zh: '请在备案材料下载页下载《承诺书》模板，盖公章、法人签字后与公司业务介绍、网站内容介绍、营业执照复印件一起上传到其他材料位置（不要占用五图位置）；如邮寄原件，请在网站备注中写明快递公司和快递单号',
            en: 'Download the 《承诺书》 template, seal it and have the legal representative sign it, and upload it with the business introduction, the website content introduction and a licence copy to supplementary slots; if you post the originals, put the courier and tracking number in the website remark',
          },
        );
      const ofKind = (k: 'GD_FINANCE_UNDERTAKING' | 'GD_BUSINESS_INTRO' | 'GD_WEBSITE_INTRO' | 'LICENCE_COPY') =>
        materialsOf(draft, k).filter(({ m }) => m.websiteIndex === i || m.websiteIndex === undefined);
      const undertakings = ofKind('GD_FINANCE_UNDERTAKING');
      // Originals sent by courier stand in for the uploads; the reviewer checks them on arrival.
      const posted = remarkHasCourierTracking(w.remark);
      if (undertakings.length === 0 && !posted) out.push(missing('《承诺书》', 'the 《承诺书》 undertaking'));
      for (const { m, index } of undertakings) {
        const f = `materials[${index}]`;
        if (m.title !== undefined && m.title.replace(/[《》\s]/g, '') !== '承诺书') {
          out.push({
            ...missing('名称为《承诺书》的文件', 'a document titled exactly 《承诺书》'),
            field: `${f}.title`,
          });
        }
        if (m.text !== undefined && !UNDERTAKING_SENTENCES.some((s) => compact(m.text!).includes(compact(s)))) {
          out.push({
            ...missing(`承诺内容「${UNDERTAKING_SENTENCES[0]}」`, 'the required undertaking sentence'),
            field: `${f}.text`,
          });
        }
        if (m.sealed === false)
          out.push({ ...missing('加盖公章的《承诺书》', 'the company seal on the undertaking'), field: f });
        if (m.signedByLegalRep === false) {
          out.push({
            ...missing('法定代表人签字的《承诺书》', "the legal representative's signature on the undertaking"),
            field: f,
          });
        }
      }
      if (posted) return;
      if (ofKind('GD_BUSINESS_INTRO').length === 0)
        out.push(missing('公司业务介绍', 'a company business introduction'));
      if (ofKind('GD_WEBSITE_INTRO').length === 0) out.push(missing('网站内容介绍', 'a website content introduction'));
      if (ofKind('LICENCE_COPY').length === 0) out.push(missing('营业执照复印件', 'a copy of the business licence'));
    });
    return out;
  },
});

/** R-PRV-021, first half: no game/culture content in a new filing. */
export const gameViaChangeOnly = defineRule({
  id: 'R-PRV-021',
  code: 'GD_GAME_FILE_PLAIN_FIRST',
  severity: 'block',
  field: 'websites[]',
  scope: { orderTypes: ['FIRST', 'ADD_WEBSITE'] },
  title: {
    zh: '游戏类网站须先普通备案再变更（按省份）',
    en: 'Game websites: plain filing first, then change (by province)',
  },
  check(draft, ctx, report) {
    if (!rulesOf(draft, ctx)?.gameViaChangeOnly) return [];
    const out: Violation[] = [];
    (draft.websites ?? []).forEach((w, i) => {
      if (!isGameOrCultureWebsite(draft, w)) return;
      out.push(
        report(
          `websites[${i}]`,
          {
            zh: `${draft.province}地区请先进行普通网站备案，网站名称、服务内容以及网页都不能涉及网络文化（游戏）内容`,
            en: `In ${draft.province}, file a plain website first: its name, service content and pages must not involve online culture or games`,
          },
          {
            zh: '备案通过后办理网络文化经营许可证（及增值电信业务经营许可证），再提交变更网站：上传文网文，并将网站名称和服务内容改为与游戏相关',
            en: 'After approval obtain the 文网文 (and the ICP commercial licence), then submit CHANGE_WEBSITE uploading the 文网文 and changing the name and service content',
          },
        ),
      );
    });
    return out;
  },
});

/** R-PRV-021, second half: the later CHANGE_WEBSITE must carry the 文网文. */
export const gameChangeNeedsCultureLicence = defineRule({
  id: 'R-PRV-021',
  code: 'PRE_APPROVAL_MISSING',
  severity: 'block',
  field: 'websites[].preApprovals',
  scope: { orderTypes: ['CHANGE_WEBSITE'] },
  title: { zh: '游戏类变更须上传文网文（按省份）', en: 'A game change must upload the 文网文 (by province)' },
  check(draft, ctx, report) {
    if (!rulesOf(draft, ctx)?.gameViaChangeOnly) return [];
    const out: Violation[] = [];
    (draft.websites ?? []).forEach((w, i) => {
      if (!isGameOrCultureWebsite(draft, w)) return;
      const licence = (w.preApprovals ?? []).find(
        (p) =>
          (p.cultureLicence || p.category === 'CULTURE') &&
          (p.documentBlobId !== undefined || p.number !== undefined) &&
          (!p.expiryDate || p.expiryDate >= ctx.today),
      );
      if (licence) return;
      out.push(
        report(
          `websites[${i}].preApprovals`,
          {
            zh: '将网站变更为游戏/网络文化类需上传有效的网络文化经营许可证（前置审批：文化）',
            en: 'Changing the website to games/online culture requires a valid online culture business licence (pre-approval: culture)',
          },
          { zh: '请上传文网文彩色扫描件', en: 'Upload a colour scan of the 文网文' },
        ),
      );
    });
    return out;
  },
});

const isForeign = (p: { nationality?: string; certificateType?: string } | undefined): boolean =>
  !!p &&
  ((p.nationality !== undefined && !['CN', 'CHN', '中国'].includes(p.nationality.trim().toUpperCase())) ||
    (p.nationality === undefined && p.certificateType === 'PASSPORT'));

/** R-PRV-023 / R-SUB-028. */
export const foreignLegalRepDelegates = defineRule({
  id: 'R-PRV-023',
  code: 'FOREIGN_PRINCIPAL_NOT_ALLOWED',
  severity: 'block',
  field: 'subjectPrincipal',
  scope: { subjectTypes: ORG_TYPES, orderTypes: ['FIRST', 'CHANGE_SUBJECT'] },
  title: {
    zh: '外籍法人须授权中国公民为负责人（按省份）',
    en: 'A foreign legal rep must delegate to a PRC citizen (by province)',
  },
  check(draft, ctx, report) {
    if (!rulesOf(draft, ctx)?.foreignLegalRepMustDelegate) return [];
    const rep = draft.subject?.legalRepresentative;
    const principal = draft.subjectPrincipal;
    if (!principal || !(isForeign(rep) || isForeign(principal))) return [];
    const fix = {
      zh: '请授权一名中国公民作为主体负责人，并上传法人签署的授权书',
      en: 'Authorise a PRC citizen as subject principal and upload the authorisation signed by the legal representative',
    };
    if (isForeign(principal) || samePerson(principal, rep) === true) {
      return [
        report(
          'subjectPrincipal',
          {
            zh: `${draft.province}地区法人为外籍时，不能作为主体负责人，须授权中国公民为负责人`,
            en: `In ${draft.province}, a foreign legal representative cannot be the subject principal; a PRC citizen must be authorised`,
          },
          fix,
        ),
      ];
    }
    if (materialsOf(draft, 'FOREIGN_REP_AUTHORISATION').length > 0) return [];
    return [
      report(
        'materials',
        {
          zh: '主体负责人由外籍法人授权的中国公民担任时，需上传授权书',
          en: 'A PRC citizen acting for a foreign legal representative needs the uploaded authorisation',
        },
        fix,
      ),
    ];
  },
});

export const provinceRules: RuleDef[] = [
  landlineRequired,
  officeMobileRemark,
  officePhoneDiffersFromMobile,
  legalRepAuthLetter,
  certRenewalGroupA,
  certMustMatchOriginal,
  latestCertOnly,
  suffixAllowed,
  partyBuildingProof,
  financeUndertaking,
  gameViaChangeOnly,
  gameChangeNeedsCultureLicence,
  foreignLegalRepDelegates,
];
