import { DomainError } from '../../platform/errors.ts';
import type { LocalizedText } from '../../platform/i18n.ts';
import { REJECTION_REASONS, type ReviewStage } from '../rules/data/rejection-reasons.ts';
import { FilingDraftSchema } from '../rules/draft.ts';
import { ruleRegistry } from '../rules/registry.ts';
import { fieldMatches, parseFieldPath } from './paths.ts';

export { fieldMatches, parseFieldPath, toPattern } from './paths.ts';

/**
 * The rejection catalogue of the back office (R-REJ-001, R-REJ-007, R-REJ-008): every reason a reviewer may give,
 * with the draft fields it can be attached to, the catalogue rules behind it and the suggested fix the customer sees.
 *
 * It has two parts: the R-REJ-007 reasons (the rules module's `REJECTION_REASONS`, plus the review-only reasons the
 * catalogue names elsewhere), and the codes of the rules engine, so that a reviewer can reject at a checklist item
 * with that item's own code. Browser-safe (the console builds its rejection form from the same data).
 */
export interface CatalogueReason {
  code: string;
  label: LocalizedText;
  stages: readonly ReviewStage[];
  /**
   * Field patterns the reason may be attached to: `[]` stands for any index and a leading `*.` for any prefix
   * (`*.mobile` covers `subjectPrincipal.mobile` and `websites[0].principal.mobile`). A reason's field must be one of
   * them or lie inside one.
   */
  fields: readonly string[];
  /** The catalogue rules the reason enforces. */
  rules: readonly string[];
  /** R-REJ-008: the remedy shown with the reason; the reviewer may write a more specific one. */
  fix?: LocalizedText;
  /** `rej` = an R-REJ-007 reason; `rule` = the code of a rules-engine check. */
  source: 'rej' | 'rule';
}

/** Fields of the R-REJ-007 reasons, and the rules that name each reason (requirements.md §4–§7, §10). */
const REJ_FIELDS: Record<string, { fields: string[]; rules: string[] }> = {
  SUBJECT_INFO_INCOMPLETE: { fields: ['subject', 'subjectPrincipal'], rules: ['R-REJ-007', 'R-ORD-017'] },
  WEBSITE_INFO_INCOMPLETE: { fields: ['websites[]'], rules: ['R-REJ-007', 'R-ORD-017'] },
  SITE_OPEN_BEFORE_FILING: { fields: ['websites[].domains'], rules: ['R-PRE-014', 'R-REJ-008'] },
  CONTENT_SUBJECT_MISMATCH: { fields: ['websites[]'], rules: ['R-PRE-011', 'R-PRE-012'] },
  WEBSITE_NAME_INVALID: { fields: ['websites[].name'], rules: ['R-WEB-015', 'R-REJ-008'] },
  MATERIALS_NOT_AS_REQUIRED: { fields: ['materials'], rules: ['R-MAT-002'] },
  CERT_IMAGE_UNCLEAR: { fields: ['materials'], rules: ['R-MAT-003', 'R-REJ-008'] },
  CERT_EXPIRED: { fields: ['*.certificateValidTo'], rules: ['R-SUB-026'] },
  PRINCIPAL_NOT_LEGAL_REP: { fields: ['subjectPrincipal'], rules: ['R-SUB-010'] },
  LEGAL_REP_AUTH_MISSING: { fields: ['materials', 'websites[].principal'], rules: ['R-PRV-008'] },
  DOMAIN_NOT_REAL_NAME: { fields: ['websites[].domains'], rules: ['R-WEB-009', 'R-WEB-010'] },
  DOMAIN_OWNER_MISMATCH: { fields: ['websites[].domains'], rules: ['R-WEB-012', 'R-WEB-013'] },
  DOMAIN_OWNER_TYPE_MISMATCH: { fields: ['websites[].domains'], rules: ['R-WEB-011'] },
  DOMAIN_PRIVACY_ON: { fields: ['websites[].domains'], rules: ['R-WEB-014', 'R-PRV-009'] },
  PRE_APPROVAL_MISSING: {
    fields: ['websites[].preApprovals', 'websites[].preApprovalCategories'],
    rules: ['R-PRE-003', 'R-PRE-008'],
  },
  CONFIRMATION_CALL_UNREACHED: { fields: ['subjectPrincipal.mobile'], rules: ['R-ORD-018'] },
  SUPPLEMENTARY_MATERIALS_REQUIRED: { fields: ['materials'], rules: ['R-REJ-007'] },
  SEAL_INVALID: { fields: ['materials'], rules: ['R-MAT-010'] },
  CURTAIN_NOT_PROVIDER: { fields: ['materials'], rules: ['R-MAT-023', 'R-REJ-008'] },
  PHOTO_SEASON: { fields: ['materials'], rules: ['R-MAT-021', 'R-MAT-024', 'R-PRV-016'] },
  PHOTO_EDITED: { fields: ['materials'], rules: ['R-MAT-021', 'R-MAT-022'] },
  PHOTO_MIRRORED: { fields: ['materials'], rules: ['R-MAT-021'] },
  PHOTO_FRAMING: { fields: ['materials'], rules: ['R-MAT-021'] },
  PHOTO_NOT_PRINCIPAL: { fields: ['materials'], rules: ['R-MAT-021'] },
  CURTAIN_TEXT_MISMATCH: { fields: ['materials'], rules: ['R-MAT-021', 'R-PRV-018'] },
  SUBJECT_CONFLICT: { fields: ['subject'], rules: ['R-ORD-008'] },
  DOMAIN_CONFLICT: { fields: ['websites[].domains'], rules: ['R-ORD-009'] },
  WRONG_ORDER_TYPE: { fields: ['orderType'], rules: ['R-ORD-010'] },
  SERVER_INVALID: { fields: ['websites[].serverIds', 'websites[].accessIps'], rules: ['R-ACC-013'] },
  FILING_PASSWORD_WRONG: { fields: ['subjectFilingNumber'], rules: ['R-BUR-008'] },
  EXISTING_WEBSITE_NONCOMPLIANT: { fields: ['existingWebsites'], rules: ['R-ORD-030', 'R-ORD-037'] },
  BLACKLISTED: { fields: ['subject.name', 'websites[].name'], rules: ['R-REJ-007'] },
};

/**
 * Remedies for reasons the rules module lists without one, from the FAQ answers the reasons come from
 * (R-REJ-008 asks for the FAQ's remedy text for each code).
 */
const FIX_SUPPLEMENTS: Record<string, LocalizedText> = {
  CONFIRMATION_CALL_UNREACHED: {
    zh: '两次审核确认电话均未能联系到主体负责人。请确认负责人手机号码正确并保持畅通、留意来电，然后重新提交备案。',
    en: 'Two confirmation calls could not reach the subject principal. Check that the mobile number is right, keep it reachable and watch for our call, then resubmit.',
  },
  DOMAIN_PRIVACY_ON: {
    zh: '请在域名注册商处关闭域名隐私保护后重新提交。',
    en: 'Turn off privacy protection at the domain registrar, then resubmit.',
  },
  CERT_EXPIRED: {
    zh: '请上传有效期内的最新证件并更新证件有效期。',
    en: 'Upload the current, unexpired certificate and update its validity dates.',
  },
  SUBJECT_INFO_INCOMPLETE: {
    zh: '请按驳回意见补充或更正主体信息，其他无需修改的内容保持不变。',
    en: 'Complete or correct the flagged subject details; leave the rest unchanged.',
  },
  WEBSITE_INFO_INCOMPLETE: {
    zh: '请按驳回意见补充或更正网站信息，其他无需修改的内容保持不变。',
    en: 'Complete or correct the flagged website details; leave the rest unchanged.',
  },
  MATERIALS_NOT_AS_REQUIRED: {
    zh: '请按要求重新上传证件扫描件或核验单。',
    en: 'Upload the certificates or verification sheet again as required.',
  },
};
const PHOTO_RETAKE: LocalizedText = {
  zh: '请根据修改建议拍摄符合要求的照片替换原有照片，替换完成后单击【提交照片】。',
  en: 'Take a photo that meets the requirements, replace the old one, then click 「提交照片」.',
};
for (const code of [
  'PHOTO_SEASON',
  'PHOTO_EDITED',
  'PHOTO_MIRRORED',
  'PHOTO_FRAMING',
  'PHOTO_NOT_PRINCIPAL',
  'CURTAIN_TEXT_MISMATCH',
])
  FIX_SUPPLEMENTS[code] = PHOTO_RETAKE;

/** Initial-review reasons the catalogue names outside the R-REJ-007 table. */
const EXTRA_REASONS: CatalogueReason[] = [
  {
    // R-MAT-003 names this reason beside CERT_IMAGE_UNCLEAR; the rule's own title (both sides) is only one of its causes
    code: 'CERT_IMAGE_INCOMPLETE',
    label: { zh: '证件不完整', en: 'Certificate image incomplete' },
    stages: ['initial'],
    fields: ['materials'],
    rules: ['R-MAT-003'],
    fix: {
      zh: '请上传证件原件的彩色扫描件或彩色照片（黑白复印件不可用），双面证件需正反面齐全，图片完整无裁切。',
      en: 'Upload a colour scan or colour photo of the original certificate (not a black-and-white copy), both sides where it has two, uncropped.',
    },
    source: 'rej',
  },
  {
    code: 'FILING_NUMBER_NOT_DISPLAYED',
    label: { zh: '已备案网站未按要求悬挂备案号', en: 'A filed website does not display its filing number' },
    stages: ['initial', 'bureau'],
    fields: ['existingWebsites'],
    rules: ['R-PRE-013'],
    fix: {
      zh: '请在网站首页底部中央悬挂备案号，备案号前加主办单位名称，并链接到工信部备案网站。',
      en: "Show the filing number at the bottom centre of the home page, preceded by the subject's name and linked to the MIIT filing site.",
    },
    source: 'rej',
  },
];

function rejectionReasons(): CatalogueReason[] {
  const out: CatalogueReason[] = Object.entries(REJECTION_REASONS).map(([code, r]) => {
    const meta = REJ_FIELDS[code] ?? { fields: [], rules: ['R-REJ-007'] };
    return {
      code,
      label: r.label,
      stages: r.stages,
      fields: meta.fields,
      rules: meta.rules,
      ...(r.remedy || FIX_SUPPLEMENTS[code] ? { fix: r.remedy ?? FIX_SUPPLEMENTS[code] } : {}),
      source: 'rej' as const,
    };
  });
  return [...out, ...EXTRA_REASONS];
}

/**
 * Rule codes as reasons: a check that fails (or that the reviewer judges failed) can be the reason itself. Only the
 * initial review judges the data; photo re-review judges curtain photos alone (R-ORD-021), so these are 'initial'.
 */
function ruleReasons(known: ReadonlySet<string>): CatalogueReason[] {
  const byCode = new Map<string, CatalogueReason>();
  for (const rule of ruleRegistry) {
    if (known.has(rule.code)) continue;
    const entry = byCode.get(rule.code);
    if (entry) {
      byCode.set(rule.code, {
        ...entry,
        fields: [...new Set([...entry.fields, rule.field])],
        rules: [...new Set([...entry.rules, rule.id])],
      });
    } else {
      byCode.set(rule.code, {
        code: rule.code,
        label: rule.title,
        stages: ['initial'],
        fields: [rule.field],
        rules: [rule.id],
        source: 'rule',
      });
    }
  }
  return [...byCode.values()];
}

/** The R-REJ-007 reasons gain the rules and fields of the rule checks that report the same code. */
function buildCatalogue(): readonly CatalogueReason[] {
  const rej = rejectionReasons();
  const known = new Set(rej.map((r) => r.code));
  const merged = rej.map((r) => {
    const rules = ruleRegistry.filter((x) => x.code === r.code);
    if (rules.length === 0) return r;
    return {
      ...r,
      fields: [...new Set([...r.fields, ...rules.map((x) => x.field)])],
      rules: [...new Set([...r.rules, ...rules.map((x) => x.id)])],
    };
  });
  return [...merged, ...ruleReasons(known)];
}

export const REJECTION_CATALOGUE: readonly CatalogueReason[] = buildCatalogue();
const BY_CODE = new Map(REJECTION_CATALOGUE.map((r) => [r.code, r]));

export function catalogueReason(code: string): CatalogueReason | undefined {
  return BY_CODE.get(code);
}

/** The reasons a reviewer can give at a stage, R-REJ-007 reasons first. */
export function catalogueFor(stage: ReviewStage): CatalogueReason[] {
  return REJECTION_CATALOGUE.filter((r) => r.stages.includes(stage));
}

// ---------------------------------------------------------------------------------------------------------------
// Field paths

interface SchemaNode {
  type?: string;
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
}

/**
 * Existing filed websites are not part of the draft, but R-ORD-030/R-PRE-013 findings name them: `existingWebsites`
 * and `existingWebsites[i]` (optionally with a field of it) are accepted.
 */
const EXISTING = 'existingWebsites';

/** True when `path` names a field of the filing draft (walking the same TypeBox schema the API validates with). */
export function isDraftPath(path: string): boolean {
  const segs = parseFieldPath(path);
  if (!segs || segs.length === 0) return false;
  const first = segs[0];
  if ('key' in first && first.key === EXISTING) {
    const rest = segs.slice(1);
    return rest.length === 0 || ('index' in rest[0] && rest.slice(1).every((s) => 'key' in s));
  }
  let node: SchemaNode | undefined = FilingDraftSchema as unknown as SchemaNode;
  for (const s of segs) {
    if (!node) return false;
    if ('key' in s) {
      if (node.type !== 'object' || !node.properties || !Object.hasOwn(node.properties, s.key)) return false;
      node = node.properties[s.key];
    } else {
      if (node.type !== 'array' || !node.items) return false;
      node = node.items;
    }
  }
  return true;
}

// ---------------------------------------------------------------------------------------------------------------
// Validation of a decision's reasons

export interface ReasonInput {
  code: string;
  field: string;
  message?: string;
  fix?: string;
}

export interface ResolvedReason {
  code: string;
  field: string;
  message: string;
  fix?: string;
  rules: readonly string[];
}

export interface ReasonFailure {
  index: number;
  field: 'code' | 'field';
  reason: 'UNKNOWN_REASON_CODE' | 'REASON_NOT_FOR_STAGE' | 'UNKNOWN_FIELD' | 'FIELD_NOT_FOR_REASON';
}

function reasonFailure(
  r: ReasonInput,
  entry: CatalogueReason | undefined,
  stage: ReviewStage,
): Omit<ReasonFailure, 'index'> | null {
  if (!entry) return { field: 'code', reason: 'UNKNOWN_REASON_CODE' };
  if (!entry.stages.includes(stage)) return { field: 'code', reason: 'REASON_NOT_FOR_STAGE' };
  if (!isDraftPath(r.field)) return { field: 'field', reason: 'UNKNOWN_FIELD' };
  if (!fieldMatches(r.field, entry.fields)) return { field: 'field', reason: 'FIELD_NOT_FOR_REASON' };
  return null;
}

/**
 * Checks every reason of a rejection against the catalogue (R-REJ-001: a reason code from R-REJ-007 with its field)
 * and fills the customer-facing message and fix from the catalogue where the reviewer left them empty.
 * Returns all failures at once.
 */
export function resolveReasons(
  reasons: readonly ReasonInput[],
  stage: ReviewStage,
  lang: 'zh' | 'en' = 'zh',
): { ok: true; reasons: ResolvedReason[] } | { ok: false; failures: ReasonFailure[] } {
  const failures: ReasonFailure[] = [];
  const resolved: ResolvedReason[] = [];
  reasons.forEach((r, index) => {
    const entry = BY_CODE.get(r.code);
    const failure = reasonFailure(r, entry, stage);
    if (failure || !entry) {
      failures.push({ index, ...(failure ?? { field: 'code', reason: 'UNKNOWN_REASON_CODE' }) });
      return;
    }
    const message = r.message?.trim() ? r.message.trim() : entry.label[lang];
    const fix = r.fix?.trim() ? r.fix.trim() : entry.fix?.[lang];
    resolved.push({ code: r.code, field: r.field, message, ...(fix ? { fix } : {}), rules: entry.rules });
  });
  return failures.length ? { ok: false, failures } : { ok: true, reasons: resolved };
}

/** The 400 answer for rejected reasons, one field error per failure (problem+json `errors`). */
export function reasonsError(failures: readonly ReasonFailure[], reasons: readonly ReasonInput[]): DomainError {
  const text: Record<ReasonFailure['reason'], LocalizedText> = {
    UNKNOWN_REASON_CODE: { zh: '驳回原因不在驳回原因目录中', en: 'The reason code is not in the rejection catalogue' },
    REASON_NOT_FOR_STAGE: { zh: '该驳回原因不适用于本审核环节', en: 'The reason does not apply to this review step' },
    UNKNOWN_FIELD: { zh: '字段路径不存在', en: 'No such field in the filing' },
    FIELD_NOT_FOR_REASON: { zh: '该驳回原因不能标注在此字段', en: 'This reason cannot be attached to that field' },
  };
  const first = failures[0];
  return new DomainError('VALIDATION_FAILED', {
    reason: first.reason,
    message: text[first.reason],
    violations: failures.map((f) => ({
      rule: 'R-REJ-001',
      code: f.reason,
      severity: 'block' as const,
      field: `reasons[${f.index}].${f.field}`,
      message: {
        zh: `${text[f.reason].zh}：${f.field === 'code' ? reasons[f.index].code : reasons[f.index].field}`,
        en: `${text[f.reason].en}: ${f.field === 'code' ? reasons[f.index].code : reasons[f.index].field}`,
      },
    })),
  });
}
