import type { CheckContext } from '../context.ts';
import { SUPPORTED_MOBILE_PREFIXES } from '../data/mobile-segments.ts';
import {
  CERTIFICATE_LABELS,
  PRINCIPAL_CERTIFICATES,
  SUBJECT_TYPE_INFO,
  USCC_CERTIFICATES,
} from '../data/subject-types.ts';
import { addWorkingDays, ageOn } from '../dates.ts';
import type { FilingDraft, Principal } from '../draft.ts';
import { defineRule, type Reporter, type RuleDef } from '../rule.ts';
import { isValidEmail } from '../validators/email.ts';
import { parseCnPhone, samePhone } from '../validators/phone.ts';
import { parseResidentId } from '../validators/resident-id.ts';
import { parseRegistrationNumber, parseUscc } from '../validators/uscc.ts';
import type { Violation } from '../violation.ts';
import {
  blank,
  certKey,
  EDITING_TYPES,
  expired,
  hasMaterial,
  isOrg,
  NON_CANCEL_TYPES,
  phoneKey,
  principalEntries,
  provinceOfText,
  provinceRules,
  recordedSubject,
  subjectNumbers,
  t,
  usesOfPhone,
  VERIFY_TYPES,
  websitesOf,
  websitesOfSubject,
} from './helpers.ts';

/** R-SUB: the subject and its principals. */

const FILL_TYPES = EDITING_TYPES;

function required(report: Reporter, field: string, what: string, whatEn: string): Violation {
  return report(field, t(`请填写${what}`, `${whatEn} is required`), undefined, { code: 'FIELD_REQUIRED' });
}

/** The province a subject's certificate was issued in: the written address first, else the number's region code. */
function certificateProvince(draft: FilingDraft) {
  const s = draft.subject;
  if (!s) return undefined;
  const byAddress = provinceOfText(s.certificateAddress);
  if (byAddress) return byAddress;
  const n = s.certificateNumber ?? '';
  if (s.certificateType === 'RESIDENT_ID') {
    const r = parseResidentId(n);
    return r.ok ? r.province : undefined;
  }
  if (s.certificateType && USCC_CERTIFICATES.has(s.certificateType)) {
    const r = parseUscc(n);
    return r.ok ? r.province : undefined;
  }
  if (s.certificateType === 'BUSINESS_REGISTRATION') {
    const r = parseRegistrationNumber(n);
    return r.ok ? r.province : undefined;
  }
  return undefined;
}

function isForeignPerson(p: Principal | undefined): boolean {
  if (!p) return false;
  if (p.nationality && p.nationality.toUpperCase() !== 'CN') return true;
  return p.certificateType === 'PASSPORT' && (p.nationality === undefined || p.nationality.toUpperCase() !== 'CN');
}

function legalRepIsForeign(draft: FilingDraft): boolean {
  const lr = draft.subject?.legalRepresentative;
  if (!lr) return false;
  if (lr.nationality) return lr.nationality.toUpperCase() !== 'CN';
  return lr.certificateType === 'PASSPORT';
}

/** R-SUB-028: a province that makes a foreign legal rep delegate, and the delegation is in place. */
function delegatedFromForeignLegalRep(draft: FilingDraft, ctx: CheckContext): boolean {
  return (
    !!provinceRules(draft, ctx)?.foreignLegalRepMustDelegate &&
    legalRepIsForeign(draft) &&
    !isForeignPerson(draft.subjectPrincipal)
  );
}

export const subjectRules: RuleDef[] = [
  defineRule({
    id: 'R-SUB-001',
    code: 'CERT_TYPE_NOT_ALLOWED',
    severity: 'block',
    field: 'subject.certificateType',
    scope: { orderTypes: [...VERIFY_TYPES, 'CHANGE_SUBJECT'] },
    title: t('主体性质与证件类型', 'Subject type and certificate type'),
    check(draft, _ctx, report) {
      const s = draft.subject;
      const out: Violation[] = [];
      if (!s?.type) out.push(required(report, 'subject.type', '主办单位性质', 'The subject type'));
      if (blank(s?.name)) out.push(required(report, 'subject.name', '主办单位或主办人名称', 'The subject name'));
      if (!s?.certificateType)
        out.push(required(report, 'subject.certificateType', '证件类型', 'The certificate type'));
      if (blank(s?.certificateNumber))
        out.push(required(report, 'subject.certificateNumber', '证件号码', 'The certificate number'));
      if (s?.type && s.certificateType && !SUBJECT_TYPE_INFO[s.type].certificates.includes(s.certificateType)) {
        if (s.certificateType === 'FOREIGN_REGISTRATION') {
          out.push(
            report(
              'subject.certificateType',
              t(
                '境外企业无法备案，单位证件必须是中国大陆颁发的证件',
                'A foreign company cannot file: organisation certificates must be issued in mainland China',
              ),
              t(
                '请在中国大陆设立分公司，以其国家认可的单位证件备案；或使用香港等非大陆服务器，无需备案',
                'Register a mainland branch and file with its PRC certificate, or use a Hong Kong or other non-mainland server, which needs no filing',
              ),
              { code: 'FOREIGN_ORG_NOT_ALLOWED' },
            ),
          );
        } else {
          out.push(
            report(
              'subject.certificateType',
              t(
                `${SUBJECT_TYPE_INFO[s.type].label.zh}不能使用${CERTIFICATE_LABELS[s.certificateType].zh}备案`,
                `A subject of type "${SUBJECT_TYPE_INFO[s.type].label.en}" cannot file with a ${CERTIFICATE_LABELS[s.certificateType].en}`,
              ),
              t(
                `可用证件：${SUBJECT_TYPE_INFO[s.type].certificates.map((c) => CERTIFICATE_LABELS[c].zh).join('、')}`,
                `Accepted: ${SUBJECT_TYPE_INFO[s.type].certificates.map((c) => CERTIFICATE_LABELS[c].en).join(', ')}`,
              ),
            ),
          );
        }
      }
      return out;
    },
  }),
  defineRule({
    id: 'R-SUB-002',
    code: 'CERT_NUMBER_INVALID',
    severity: 'block',
    field: 'subject.certificateNumber',
    scope: { orderTypes: [...VERIFY_TYPES, 'CHANGE_SUBJECT'] },
    title: t('证件号码格式与校验位', 'Certificate number format and check character'),
    check(draft, _ctx, report) {
      const s = draft.subject;
      const n = s?.certificateNumber;
      if (!s?.certificateType || blank(n) || n === undefined) return [];
      const field = 'subject.certificateNumber';
      if (USCC_CERTIFICATES.has(s.certificateType)) {
        if (parseUscc(n).ok) return [];
        const looksOld = parseRegistrationNumber(n).ok;
        return [
          report(
            field,
            t(
              '统一社会信用代码不正确（应为 18 位，校验位须正确）',
              'Invalid unified social credit code (18 characters with a valid check character)',
            ),
            looksOld
              ? t(
                  '这是 15 位注册号：非三证合一证件请选择"营业执照（注册号）"',
                  'This is a 15-digit registration number: choose "business licence (registration number)"',
                )
              : t(
                  '三证合一证件请填写营业执照上的统一社会信用代码',
                  'For a merged licence enter the unified social credit code printed on it',
                ),
          ),
        ];
      }
      if (s.certificateType === 'BUSINESS_REGISTRATION') {
        if (parseRegistrationNumber(n).ok) return [];
        return [
          report(
            field,
            t('注册号应为 15 位数字', 'A registration number has 15 digits'),
            parseUscc(n).ok
              ? t('这是统一社会信用代码，请选择三证合一营业执照', 'This is a USCC: choose the merged business licence')
              : undefined,
          ),
        ];
      }
      if (s.certificateType === 'RESIDENT_ID' && !parseResidentId(n).ok) {
        return [
          report(
            field,
            t('身份证号码不正确', 'Invalid resident ID number'),
            t('请核对 18 位身份证号码', 'Check the 18-character ID number'),
          ),
        ];
      }
      return [];
    },
  }),
  defineRule({
    id: 'R-SUB-003',
    code: 'CERT_NOT_LATEST',
    severity: 'block',
    field: 'subject.certificateNumber',
    scope: { orderTypes: ['FIRST'] },
    title: t('首次备案使用最新证件', 'First filings use the latest certificate'),
    check(draft, _ctx, report) {
      const s = draft.subject;
      if (!isOrg(draft) || s?.certificateType !== 'BUSINESS_REGISTRATION') return [];
      const uploaded = [
        s.uploadedCertificateNumber,
        ...(draft.materials ?? []).filter((m) => m.kind === 'SUBJECT_CERT_FRONT').map((m) => m.certificateNumber),
      ];
      const fix = t(
        '首次备案一律使用最新证件：请填写三证合一营业执照上的统一社会信用代码',
        'First filings must use the latest certificate: enter the USCC of the merged licence',
      );
      if (uploaded.some((u) => u && parseUscc(u).ok)) {
        return [
          report(
            'subject.certificateNumber',
            t(
              '该单位已有统一社会信用代码，首次备案不能使用旧注册号',
              'The organisation has a USCC; a first filing cannot use the old registration number',
            ),
            fix,
          ),
        ];
      }
      return [
        report(
          'subject.certificateNumber',
          t(
            '首次备案应使用最新证件，初审将核实该注册号是否为最新证件',
            'First filings must use the latest certificate; initial review will check this registration number',
          ),
          fix,
          { severity: 'warn' },
        ),
      ];
    },
  }),
  defineRule({
    id: 'R-SUB-004',
    code: 'CERT_CHANGE_REQUIRED',
    severity: 'block',
    field: 'subject.certificateNumber',
    scope: { orderTypes: ['ADD_WEBSITE', 'ACCESS'] },
    title: t('有本接入商主体须先变更为最新证件', 'Subjects accessed here must first change to the latest certificate'),
    check(draft, ctx, report) {
      const rec = recordedSubject(draft, ctx);
      if (!rec?.accessedHere) return [];
      const stale =
        (rec.latestCertificateNumber && certKey(rec.latestCertificateNumber) !== certKey(rec.certificateNumber)) ||
        rec.flags?.includes('CERT_UPDATE_PENDING');
      if (!stale) return [];
      return [
        report(
          'subject.certificateNumber',
          t(
            '备案信息中的证件号码不是最新证件（如旧营业执照注册号）',
            'The filed certificate number is not the latest (e.g. an old registration number)',
          ),
          t(
            '请先提交变更主体，将证件号码变更为最新的统一社会信用代码，再新增网站或接入',
            'Submit a CHANGE_SUBJECT to the new unified social credit code first',
          ),
        ),
      ];
    },
  }),
  defineRule({
    id: 'R-SUB-005',
    code: 'CERT_NUMBER_NOT_ON_RECORD',
    severity: 'block',
    field: 'subject.certificateNumber',
    scope: { orderTypes: ['ADD_WEBSITE', 'ACCESS'] },
    title: t('无本接入商主体填写原证件号码', 'Without-subject orders enter the original number'),
    check(draft, ctx, report) {
      const entered = certKey(draft.subject?.certificateNumber);
      if (!entered) return [];
      const rec = ctx.registry?.subjects.find(
        (s) => certKey(s.latestCertificateNumber) === entered && certKey(s.certificateNumber) !== entered,
      );
      if (!rec || rec.accessedHere) return [];
      return [
        report(
          'subject.certificateNumber',
          t(
            `原备案使用的是旧证件号码 ${rec.certificateNumber}`,
            `The original filing uses the old number ${rec.certificateNumber}`,
          ),
          t(
            '请填写以前的证件号码以正确验证备案类型，并上传新的营业执照（部分省份要求与原备案信息一致）',
            'Enter the original number so the order type is recognised, and upload the new licence (some provinces require it to match the original)',
          ),
        ),
      ];
    },
  }),
  defineRule({
    id: 'R-SUB-006',
    code: 'REGION_NOT_CERT_PROVINCE',
    severity: 'block',
    field: 'province',
    scope: { orderTypes: ['FIRST', 'ADD_WEBSITE', 'ACCESS'] },
    title: t('单位备案地域须为证件所在地', 'Organisations file in the province of their certificate'),
    check(draft, _ctx, report) {
      if (!isOrg(draft) || !draft.province) return [];
      const certProvince = certificateProvince(draft);
      if (!certProvince || certProvince === draft.province) return [];
      return [
        report(
          'province',
          t(
            `单位备案所属区域必须是证件上的省份（${certProvince}），不能跨省备案`,
            `Organisations must file in the province on their certificate (${certProvince}); cross-province filing is not allowed`,
          ),
          t(
            '如需在其他省份备案，请以该省分公司为主体备案',
            'To file in another province, file with your branch in that province as the subject',
          ),
        ),
      ];
    },
  }),
  defineRule({
    id: 'R-SUB-007',
    code: 'ADDRESS_PROVINCE_MISMATCH',
    severity: 'block',
    field: 'subject.communicationAddress.province',
    scope: { orderTypes: [...FILL_TYPES, 'ACCESS'] },
    title: t('通信地址须在备案省份', 'Communication address in the filing province'),
    check(draft, _ctx, report) {
      const a = draft.subject?.communicationAddress;
      if (!a || (blank(a.province) && blank(a.detail))) {
        return draft.orderType === 'ACCESS'
          ? []
          : [required(report, 'subject.communicationAddress', '通信地址', 'The communication address')];
      }
      const p = provinceOfText(a.province) ?? provinceOfText(a.detail);
      if (!draft.province || !p || p === draft.province) return [];
      return [
        report(
          'subject.communicationAddress.province',
          t(
            `通信地址所在省份（${p}）与备案省份（${draft.province}）不一致`,
            `The communication address (${p}) is not in the filing province (${draft.province})`,
          ),
          t(
            '备案省份以通信地址为准，即主体实际所在省份',
            'The filing province follows the communication address: where the subject actually is',
          ),
        ),
      ];
    },
  }),
  defineRule({
    id: 'R-SUB-008',
    code: 'NON_LOCAL_PERSONAL_NOT_ALLOWED',
    severity: 'block',
    field: 'province',
    scope: { subjectTypes: ['PERSONAL'], orderTypes: ['FIRST', 'ADD_WEBSITE', 'ACCESS'] },
    title: t('个人异地备案', 'Personal filing outside the ID province'),
    check(draft, ctx, report) {
      const idProvince = certificateProvince(draft);
      if (!draft.province || !idProvince || idProvince === draft.province) return [];
      const allowed = provinceRules(draft, ctx)?.allowNonLocalPersonal === true;
      if (allowed && hasMaterial(draft, 'RESIDENCE_PERMIT')) return [];
      return [
        report(
          'province',
          allowed
            ? t(
                `在${draft.province}异地备案需上传当地居住证`,
                `Filing in ${draft.province} outside your ID province needs a residence permit issued there`,
              )
            : t(
                `${draft.province}管局不允许异地个人备案`,
                `The ${draft.province} bureau does not accept personal filings from other provinces`,
              ),
          t(
            `请上传居住证，或在身份证所在地（${idProvince}）办理个人备案`,
            `Upload the residence permit, or file in your ID province (${idProvince})`,
          ),
        ),
      ];
    },
  }),
  defineRule({
    id: 'R-SUB-009',
    code: 'SUBJECT_INFO_INCOMPLETE',
    severity: 'warn',
    field: 'subject.communicationAddress.detail',
    scope: { orderTypes: FILL_TYPES },
    title: t('通信地址应详细到门牌号', 'Communication address down to the house number'),
    check(draft, _ctx, report) {
      const detail = draft.subject?.communicationAddress?.detail;
      if (blank(detail) || detail === undefined || /\d|号|栋|楼|室|幢/.test(detail)) return [];
      if ((draft.subject?.remark ?? '').includes('最详细')) return [];
      return [
        report(
          'subject.communicationAddress.detail',
          t(
            '通信地址没有门牌号，初审会要求补充',
            'The communication address has no house number; initial review will ask for it',
          ),
          t(
            '如已是最详细地址，请在主体备注中说明"通信地址已为最详细地址"',
            'If this is the most detailed address, state "通信地址已为最详细地址" in the subject remark',
          ),
        ),
      ];
    },
  }),
  defineRule({
    id: 'R-SUB-010',
    code: 'PRINCIPAL_NOT_LEGAL_REP',
    severity: 'block',
    field: 'subjectPrincipal.name',
    scope: { orderTypes: ['FIRST', 'ADD_WEBSITE', 'CHANGE_SUBJECT'] },
    title: t('单位主体负责人须为法定代表人', 'Organisation subject principal is the legal representative'),
    check(draft, ctx, report) {
      if (!isOrg(draft)) return [];
      const expected = draft.subject?.branchOf?.legalRepresentativeName ?? draft.subject?.legalRepresentative?.name;
      const actual = draft.subjectPrincipal?.name;
      if (blank(expected) || blank(actual) || expected?.trim() === actual?.trim()) return [];
      if (delegatedFromForeignLegalRep(draft, ctx)) return [];
      return [
        report(
          'subjectPrincipal.name',
          draft.subject?.branchOf
            ? t(
                `分公司备案的主体负责人须为总公司法定代表人（${expected}）`,
                `A branch files with its head office's legal representative (${expected}) as principal`,
              )
            : t(
                `单位备案的主体负责人须为法定代表人（${expected}）`,
                `The subject principal must be the legal representative (${expected})`,
              ),
          t('请将主体负责人改为法定代表人', 'Make the legal representative the subject principal'),
        ),
      ];
    },
  }),
  defineRule({
    id: 'R-SUB-011',
    code: 'SUBJECT_PRINCIPAL_NOT_SELF',
    severity: 'block',
    field: 'subjectPrincipal',
    scope: { subjectTypes: ['PERSONAL'], orderTypes: FILL_TYPES },
    title: t('个人备案主体负责人即本人', 'A personal subject is its own principal'),
    check(draft, _ctx, report) {
      const s = draft.subject;
      const p = draft.subjectPrincipal;
      if (!s || !p) return [];
      const out: Violation[] = [];
      const fix = t(
        '个人备案的主体负责人姓名和证件取自主体证件，不能另填他人',
        "A personal subject's principal name and ID come from the subject certificate",
      );
      if (!blank(s.name) && !blank(p.name) && s.name?.trim() !== p.name?.trim()) {
        out.push(
          report(
            'subjectPrincipal.name',
            t('个人备案的主体负责人须为本人', 'The principal of a personal subject must be the person themself'),
            fix,
          ),
        );
      }
      if (
        !blank(s.certificateNumber) &&
        !blank(p.certificateNumber) &&
        certKey(s.certificateNumber) !== certKey(p.certificateNumber)
      ) {
        out.push(
          report(
            'subjectPrincipal.certificateNumber',
            t('主体负责人证件号码须与主体证件一致', "The principal's ID number must be the subject's"),
            fix,
          ),
        );
      }
      return out;
    },
  }),
  defineRule({
    id: 'R-SUB-012',
    code: 'PRINCIPAL_UNDER_18',
    severity: 'block',
    field: 'subjectPrincipal.certificateNumber',
    scope: { orderTypes: FILL_TYPES },
    title: t('未满十八周岁的主体负责人', 'Subject principal under 18'),
    check(draft, ctx, report) {
      const p = draft.subjectPrincipal;
      if (p?.certificateType !== 'RESIDENT_ID' || !p.certificateNumber) return [];
      const id = parseResidentId(p.certificateNumber);
      if (!id.ok || ageOn(id.birthDate, ctx.today) >= 18) return [];
      const policy = provinceRules(draft, ctx)?.minorPrincipal ?? 'SUPPLEMENT';
      if (policy === 'ALLOW') return [];
      if (policy === 'REJECT') {
        return [
          report(
            'subjectPrincipal.certificateNumber',
            t(
              `${draft.province}管局不受理未满十八周岁的主体负责人`,
              `The ${draft.province} bureau does not accept a subject principal under 18`,
            ),
            t('请由年满十八周岁的人员担任负责人', 'Use a principal aged 18 or over'),
          ),
        ];
      }
      if (hasMaterial(draft, 'GUARDIAN_CONSENT')) return [];
      return [
        report(
          'subjectPrincipal.certificateNumber',
          t(
            '主体负责人未满十八周岁，初审时需补交管局要求的材料（如监护人同意书）',
            'The subject principal is under 18; initial review will ask for supplementary materials such as a guardian’s consent',
          ),
          t('请准备并上传监护人同意书等材料', "Prepare and upload a guardian's consent"),
          { code: 'SUPPLEMENTARY_MATERIALS_REQUIRED', severity: 'warn' },
        ),
      ];
    },
  }),
  defineRule({
    id: 'R-SUB-013',
    code: 'FIELD_REQUIRED',
    severity: 'block',
    field: 'subjectPrincipal',
    scope: { orderTypes: FILL_TYPES },
    title: t('负责人信息完整且格式正确', 'Principal data complete and well-formed'),
    check(draft, _ctx, report) {
      const out: Violation[] = [];
      const entries = principalEntries(draft);
      if (!draft.subjectPrincipal && draft.orderType !== 'CHANGE_WEBSITE') {
        out.push(required(report, 'subjectPrincipal', '主体负责人信息', 'The subject principal'));
      }
      websitesOf(draft).forEach((w, i) => {
        if (!w.principalSameAsSubject && !w.principal && draft.orderType !== 'CHANGE_SUBJECT') {
          out.push(required(report, `websites[${i}].principal`, '网站负责人信息', 'The website principal'));
        }
      });
      for (const { field, principal: p } of entries) {
        if (blank(p.name)) out.push(required(report, `${field}.name`, '负责人姓名', 'The name'));
        if (!p.certificateType)
          out.push(required(report, `${field}.certificateType`, '证件类型', 'The certificate type'));
        else if (!PRINCIPAL_CERTIFICATES.includes(p.certificateType)) {
          out.push(
            report(
              `${field}.certificateType`,
              t('负责人证件须为个人身份证件', 'A principal files with a personal identity document'),
              undefined,
              { code: 'CERT_TYPE_NOT_ALLOWED' },
            ),
          );
        }
        if (blank(p.certificateNumber))
          out.push(required(report, `${field}.certificateNumber`, '证件号码', 'The certificate number'));
        else if (
          p.certificateType === 'RESIDENT_ID' &&
          p.certificateNumber &&
          !parseResidentId(p.certificateNumber).ok
        ) {
          out.push(
            report(`${field}.certificateNumber`, t('身份证号码不正确', 'Invalid resident ID number'), undefined, {
              code: 'CERT_NUMBER_INVALID',
            }),
          );
        }
        if (blank(p.certificateValidTo))
          out.push(required(report, `${field}.certificateValidTo`, '证件有效期', 'The certificate validity'));
        if (blank(p.mobile)) out.push(required(report, `${field}.mobile`, '手机号码', 'The mobile number'));
        else if (p.mobile && parseCnPhone(p.mobile).kind !== 'MOBILE') {
          out.push(
            report(`${field}.mobile`, t('手机号码不正确', 'Invalid mobile number'), undefined, {
              code: 'MOBILE_INVALID',
            }),
          );
        }
        if (blank(p.officePhone)) out.push(required(report, `${field}.officePhone`, '办公电话', 'The office phone'));
        else if (p.officePhone) {
          const kind = parseCnPhone(p.officePhone).kind;
          if (kind !== 'MOBILE' && kind !== 'FIXED_LINE') {
            out.push(
              report(
                `${field}.officePhone`,
                t(
                  '办公电话不正确（座机请带区号，如 010-12345678）',
                  'Invalid office phone (landlines need the area code, e.g. 010-12345678)',
                ),
                undefined,
                {
                  code: 'PHONE_INVALID',
                },
              ),
            );
          }
        }
        if (blank(p.email)) out.push(required(report, `${field}.email`, '电子邮箱', 'The e-mail address'));
        else if (p.email && !isValidEmail(p.email)) {
          out.push(
            report(`${field}.email`, t('电子邮箱格式不正确', 'Invalid e-mail address'), undefined, {
              code: 'EMAIL_INVALID',
            }),
          );
        }
      }
      return out;
    },
  }),
  defineRule({
    id: 'R-SUB-015',
    code: 'LANDLINE_REQUIRED',
    severity: 'block',
    field: '*.officePhone',
    scope: { orderTypes: FILL_TYPES },
    title: t('单位办公电话须为座机的省份', 'Provinces requiring an organisation landline'),
    check(draft, ctx, report) {
      if (!isOrg(draft) || !provinceRules(draft, ctx)?.orgLandlineRequired) return [];
      return principalEntries(draft)
        .filter((e) => e.principal.officePhone && parseCnPhone(e.principal.officePhone).kind === 'MOBILE')
        .map((e) =>
          report(
            `${e.field}.officePhone`,
            t(
              `${draft.province}单位备案的办公电话必须填写座机号码`,
              `In ${draft.province} an organisation's office phone must be a landline`,
            ),
            t('请填写带区号的座机号码，如 025-12345678', 'Enter a landline with area code, e.g. 025-12345678'),
          ),
        );
    },
  }),
  defineRule({
    id: 'R-SUB-016',
    code: 'MOBILE_NOT_LOCAL',
    severity: 'block',
    field: '*.mobile',
    scope: { orderTypes: FILL_TYPES },
    title: t('手机号须为本省号码的省份', 'Provinces requiring local mobile numbers'),
    check(draft, ctx, report) {
      if (!provinceRules(draft, ctx)?.mobileMustBeLocal || !ctx.mobileProvinces) return [];
      const out: Violation[] = [];
      for (const e of principalEntries(draft)) {
        const m = e.principal.mobile;
        if (!m) continue;
        const home = ctx.mobileProvinces[m.replace(/\D/g, '').slice(-11)] ?? ctx.mobileProvinces[m];
        if (home && home !== draft.province) {
          out.push(
            report(
              `${e.field}.mobile`,
              t(
                `${draft.province}管局要求负责人手机号码为本省号码（该号码属于${home}）`,
                `The ${draft.province} bureau requires a local mobile number (this one belongs to ${home})`,
              ),
              t('请填写本省的手机号码', 'Enter a mobile number from this province'),
            ),
          );
        }
      }
      return out;
    },
  }),
  defineRule({
    id: 'R-SUB-017',
    code: 'MOBILE_NOT_VERIFIED',
    severity: 'block',
    field: '*.mobile',
    scope: { orderTypes: FILL_TYPES },
    title: t('手机号须短信验证', 'Mobile numbers verified by SMS code'),
    check(draft, ctx, report) {
      if (!ctx.verifiedMobiles) return [];
      const verified = ctx.verifiedMobiles;
      return principalEntries(draft)
        .filter(
          (e) =>
            e.principal.mobile &&
            parseCnPhone(e.principal.mobile).kind === 'MOBILE' &&
            !verified.some((v) => samePhone(v, e.principal.mobile)),
        )
        .map((e) =>
          report(
            `${e.field}.mobile`,
            t('请先完成手机验证码验证', 'Verify this mobile number with the SMS code first'),
            t('收不到验证码请检查短信是否被拦截', 'If no code arrives, check whether the SMS was blocked'),
          ),
        );
    },
  }),
  defineRule({
    id: 'R-SUB-018',
    code: 'MOBILE_SEGMENT_UNSUPPORTED',
    severity: 'block',
    field: '*.mobile',
    scope: { orderTypes: FILL_TYPES },
    title: t('支持的手机号段', 'Supported mobile prefixes'),
    check(draft, ctx, report) {
      const prefixes = ctx.config?.supportedMobilePrefixes ?? SUPPORTED_MOBILE_PREFIXES;
      const out: Violation[] = [];
      for (const e of principalEntries(draft)) {
        const m = e.principal.mobile;
        if (!m) continue;
        const parsed = parseCnPhone(m);
        if (parsed.kind === 'MOBILE' && !prefixes.includes(parsed.national.slice(0, 3))) {
          out.push(
            report(
              `${e.field}.mobile`,
              t('不支持该手机号段', 'This mobile number prefix is not supported'),
              t('建议换一个可以支持的手机号段', 'Use a number with a supported prefix'),
            ),
          );
        }
      }
      return out;
    },
  }),
  defineRule({
    id: 'R-SUB-019',
    code: 'MOBILE_USED_BY_OTHER_SUBJECT',
    severity: 'block',
    field: '*.mobile',
    scope: { orderTypes: FILL_TYPES },
    title: t('一个手机号只能用于一个主体', 'One mobile number, one subject'),
    check(draft, ctx, report) {
      const uses = ctx.registry?.principals;
      if (!uses) return [];
      const mine = subjectNumbers(draft, ctx);
      const samePersonOk = provinceRules(draft, ctx)?.mobileSamePersonException !== false;
      const out: Violation[] = [];
      for (const e of principalEntries(draft)) {
        const p = e.principal;
        if (!p.mobile) continue;
        const key = phoneKey(p.mobile);
        const clash = usesOfPhone(uses, p.mobile).find(
          (u) =>
            u.mobile !== undefined &&
            phoneKey(u.mobile) === key &&
            !mine.has(certKey(u.subjectCertificateNumber)) &&
            !(samePersonOk && p.certificateNumber && certKey(u.certificateNumber) === certKey(p.certificateNumber)),
        );
        if (clash) {
          out.push(
            report(
              `${e.field}.mobile`,
              t(
                '该手机号码已被其他备案主体的负责人使用，一个手机号码只能备案一个主体',
                'This mobile number is already used by a principal of another subject; a number can serve one subject only',
              ),
              t('请更换为未被其他主体使用的手机号码', 'Use a number no other subject uses'),
            ),
          );
        }
      }
      return out;
    },
  }),
  defineRule({
    id: 'R-SUB-020',
    code: 'LANDLINE_USED_BY_OTHER_SUBJECT',
    severity: 'block',
    field: '*.officePhone',
    scope: { orderTypes: FILL_TYPES },
    title: t('座机号码不可多主体共用的省份', 'Provinces where a landline serves one subject'),
    check(draft, ctx, report) {
      const uses = ctx.registry?.principals;
      if (!uses || !provinceRules(draft, ctx)?.landlineUniquePerSubject) return [];
      const mine = subjectNumbers(draft, ctx);
      return principalEntries(draft)
        .filter((e) => {
          const phone = e.principal.officePhone;
          return (
            phone &&
            parseCnPhone(phone).kind === 'FIXED_LINE' &&
            uses.some((u) => samePhone(u.officePhone, phone) && !mine.has(certKey(u.subjectCertificateNumber)))
          );
        })
        .map((e) =>
          report(
            `${e.field}.officePhone`,
            t(
              `${draft.province}管局规定座机号码不可用于多个备案主体`,
              `In ${draft.province} a landline may serve one subject only`,
            ),
            t('请更换办公电话', 'Use another office phone'),
          ),
        );
    },
  }),
  defineRule({
    id: 'R-SUB-021',
    code: 'CHANGE_REQUIRED',
    severity: 'block',
    field: 'subjectPrincipal',
    scope: { orderTypes: ['ADD_WEBSITE'] },
    title: t('新增网站时主体负责人只读', 'The subject principal is read-only in ADD_WEBSITE'),
    check(draft, ctx, report) {
      const rec = recordedSubject(draft, ctx)?.principal;
      const p = draft.subjectPrincipal;
      if (!rec || !p) return [];
      const diffs: Array<[keyof typeof p, string | undefined]> = [
        ['name', rec.name],
        ['certificateNumber', rec.certificateNumber],
        ['mobile', rec.mobile],
        ['officePhone', rec.officePhone],
        ['email', rec.email],
      ];
      const out: Violation[] = [];
      for (const [key, recorded] of diffs) {
        const value = p[key];
        if (typeof value !== 'string' || recorded === undefined || blank(value)) continue;
        const same =
          key === 'mobile' || key === 'officePhone'
            ? samePhone(value, recorded) || value.trim() === recorded.trim()
            : certKey(value) === certKey(recorded);
        if (!same) {
          out.push(
            report(
              `subjectPrincipal.${key}`,
              t(
                '主体负责人信息与已备案信息不一致，新增网站时不能修改',
                'The subject principal differs from the filed record and cannot be edited in ADD_WEBSITE',
              ),
              t(
                '不同网站的负责人可以不同，但主体负责人必须一致：请先办理变更主体',
                'Website principals may differ, the subject principal may not: submit a CHANGE_SUBJECT first',
              ),
            ),
          );
        }
      }
      return out;
    },
  }),
  defineRule({
    id: 'R-SUB-023',
    code: 'WEBSITE_PRINCIPAL_MULTI_COMPANY',
    severity: 'block',
    field: 'websites[].principal.certificateNumber',
    scope: { orderTypes: ['FIRST', 'ADD_WEBSITE', 'ACCESS', 'CHANGE_WEBSITE'] },
    title: t('不可同时为多家单位的网站负责人', 'Website principal of one organisation at a time'),
    check(draft, ctx, report) {
      const uses = ctx.registry?.principals;
      if (!uses || !isOrg(draft)) return [];
      const mine = subjectNumbers(draft, ctx);
      const out: Violation[] = [];
      for (const e of principalEntries(draft)) {
        if (e.role !== 'WEBSITE' || !e.principal.certificateNumber) continue;
        const id = certKey(e.principal.certificateNumber);
        const other = uses.find(
          (u) =>
            u.role === 'WEBSITE' &&
            u.subjectType !== 'PERSONAL' &&
            certKey(u.certificateNumber) === id &&
            !mine.has(certKey(u.subjectCertificateNumber)),
        );
        if (other) {
          out.push(
            report(
              `${e.field}.certificateNumber`,
              t(
                `该负责人已是其他单位（${other.subjectName}）网站的负责人，不可同时为多家不同单位做网站负责人`,
                `This person is already website principal for another organisation (${other.subjectName}) and cannot serve two organisations`,
              ),
              t('请更换网站负责人', 'Choose another website principal'),
            ),
          );
        }
      }
      return out;
    },
  }),
  defineRule({
    id: 'R-SUB-026',
    code: 'CERT_EXPIRED',
    severity: 'block',
    field: '*.certificateValidTo',
    scope: { orderTypes: NON_CANCEL_TYPES },
    title: t('证件须在有效期内', 'Certificates within their validity'),
    check(draft, ctx, report) {
      const out: Violation[] = [];
      const days = provinceRules(draft, ctx)?.bureauWorkingDays ?? 20;
      const horizon = addWorkingDays(ctx.today, days + 2, ctx.calendar);
      const judge = (field: string, validTo: string | undefined, who: LocalizedPair) => {
        if (!validTo || validTo === 'LONG_TERM') return;
        if (expired(validTo, ctx.today)) {
          out.push(
            report(
              field,
              t(`${who.zh}已过期（有效期至 ${validTo}）`, `${who.en} expired on ${validTo}`),
              t(
                '证件过期备案将不会成功，请使用有效期内的证件',
                'Filing cannot succeed with an expired certificate; use a valid one',
              ),
            ),
          );
        } else if (validTo < horizon) {
          out.push(
            report(
              field,
              t(`${who.zh}将在审核期间到期（${validTo}）`, `${who.en} expires during the review (${validTo})`),
              t(
                '建议先更换新证件，以免管局审核时已过期',
                'Renew it first so it is still valid when the bureau decides',
              ),
              {
                code: 'CERT_EXPIRES_DURING_REVIEW',
                severity: 'warn',
              },
            ),
          );
        }
      };
      judge('subject.certificateValidTo', draft.subject?.certificateValidTo, {
        zh: '主体证件',
        en: 'The subject certificate',
      });
      for (const e of principalEntries(draft)) {
        judge(
          `${e.field}.certificateValidTo`,
          e.principal.certificateValidTo,
          e.role === 'SUBJECT'
            ? { zh: '主体负责人证件', en: "The subject principal's ID" }
            : { zh: '网站负责人证件', en: "The website principal's ID" },
        );
      }
      return out;
    },
  }),
  defineRule({
    id: 'R-SUB-027',
    code: 'CHANGE_REQUIRED',
    severity: 'block',
    field: 'subjectPrincipal.certificateValidTo',
    scope: { orderTypes: ['ADD_WEBSITE', 'ACCESS'] },
    title: t('已备案负责人证件过期须先变更', 'Expired principal IDs on file must be changed first'),
    check(draft, ctx, report) {
      const rec = recordedSubject(draft, ctx);
      if (!rec) return [];
      const out: Violation[] = [];
      if (rec.flags?.includes('PRINCIPAL_ID_EXPIRED') || expired(rec.principal?.certificateValidTo, ctx.today)) {
        out.push(
          report(
            'subjectPrincipal.certificateValidTo',
            t('已备案的主体负责人身份证已过期', "The filed subject principal's ID has expired"),
            t(
              '请先提交变更主体，更新主体负责人身份证信息',
              "Submit a CHANGE_SUBJECT with the principal's new ID first",
            ),
          ),
        );
      }
      for (const w of websitesOfSubject(ctx, rec)) {
        if (w.flags?.includes('PRINCIPAL_ID_EXPIRED') || expired(w.principal?.certificateValidTo, ctx.today)) {
          out.push(
            report(
              `existingWebsites[${w.filingNumber}].principal.certificateValidTo`,
              t(
                `已备案网站 ${w.filingNumber} 的网站负责人身份证已过期`,
                `The website principal's ID of filed website ${w.filingNumber} has expired`,
              ),
              t(
                '请先提交变更网站，更新网站负责人身份证信息',
                "Submit a CHANGE_WEBSITE with the website principal's new ID first",
              ),
            ),
          );
        }
      }
      return out;
    },
  }),
  defineRule({
    id: 'R-SUB-028',
    code: 'FOREIGN_PRINCIPAL_NOT_ALLOWED',
    severity: 'block',
    field: 'subjectPrincipal',
    scope: { orderTypes: ['FIRST', 'ADD_WEBSITE', 'CHANGE_SUBJECT'] },
    title: t('外籍法定代表人须授权中国公民为负责人的省份', 'Provinces where a foreign legal rep must delegate'),
    check(draft, ctx, report) {
      if (!isOrg(draft) || !provinceRules(draft, ctx)?.foreignLegalRepMustDelegate) return [];
      if (isForeignPerson(draft.subjectPrincipal)) {
        return [
          report(
            'subjectPrincipal',
            t(
              `${draft.province}管局要求：法人为外籍的，须授权中国公民为主体负责人`,
              `In ${draft.province} a foreign legal representative must authorise a PRC citizen as principal`,
            ),
            t(
              '请填写被授权的中国公民为主体负责人，并上传法人授权书',
              'Enter the authorised PRC citizen as principal and upload the authorisation',
            ),
          ),
        ];
      }
      if (legalRepIsForeign(draft) && draft.subjectPrincipal && !hasMaterial(draft, 'FOREIGN_REP_AUTHORISATION')) {
        return [
          report(
            'materials',
            t(
              '请上传外籍法定代表人对主体负责人的授权书',
              'Upload the foreign legal representative’s authorisation of the principal',
            ),
          ),
        ];
      }
      return [];
    },
  }),
];

interface LocalizedPair {
  zh: string;
  en: string;
}

/** The province on a subject's certificate; also used by the order-type rules. */
export { certificateProvince };
