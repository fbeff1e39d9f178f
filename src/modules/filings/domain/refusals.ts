import { DomainError, type ErrorCode } from '../../../platform/errors.ts';
import type { LocalizedText } from '../../../platform/i18n.ts';

interface RefusalEntry {
  /** The API error code (src/platform/errors.ts) this refusal is answered with; the refusal code becomes `reason`. */
  error: ErrorCode;
  /** The catalogue rule that demands the refusal. */
  rule: string;
  /** Messages; `{name}` placeholders are filled from the refusal's params. */
  zh: string;
  en: string;
  /** The same code with situation-specific guidance (e.g. R-ORD-005's 「情况二」). */
  variants?: Record<string, LocalizedText>;
}

/**
 * Every reason the filing-order domain refuses something: lifecycle events (transitions.ts), the verify step
 * (detect-type.ts) and the one-only limits (limits.ts). Codes named by the catalogue keep the catalogue's name.
 */
export const REFUSALS = {
  // Lifecycle (§17, R-ORD-014..016)
  ROLE_NOT_ALLOWED: {
    error: 'FORBIDDEN',
    rule: 'R-ORD-001',
    zh: '当前角色不能执行此操作',
    en: 'Your role may not perform this action',
  },
  EVENT_NOT_ALLOWED_IN_STATE: {
    error: 'ILLEGAL_TRANSITION',
    rule: 'R-ORD-001',
    zh: '订单当前状态（{stateZh}）不允许此操作',
    en: 'This action is not allowed while the order is in state {stateEn}',
  },
  ORDER_CLOSED: {
    error: 'ILLEGAL_TRANSITION',
    rule: 'R-ORD-007',
    zh: '订单已结束（{stateZh}），请新建订单',
    en: 'The order is closed ({stateEn}); create a new order',
  },
  ORDER_LOCKED_AT_BUREAU: {
    error: 'ILLEGAL_TRANSITION',
    rule: 'R-ORD-016',
    zh: '备案已提交管局，处于锁定状态，无法修改或放弃；请等待管局审核结果',
    en: 'The order is at the bureau and locked: it cannot be edited or abandoned until the bureau decides',
  },
  WAIT_FOR_INITIAL_REVIEW: {
    error: 'ILLEGAL_TRANSITION',
    rule: 'R-ORD-014',
    zh: '请等待初审结果后再根据实际情况操作：若初审未通过，可单击【撤销备案】后修改信息',
    en: 'Wait for the initial review; if it rejects the order, use 「撤销备案」 and edit',
  },
  WAIT_FOR_RE_REVIEW: {
    error: 'ILLEGAL_TRANSITION',
    rule: 'R-ORD-014',
    zh: '照片正在复审中，请等待复审结果；复审驳回后可替换照片',
    en: 'The photo is under re-review; photos can be replaced after a re-review rejection',
  },
  ABANDON_TO_MODIFY: {
    error: 'ILLEGAL_TRANSITION',
    rule: 'R-ORD-014',
    zh: '初审已通过，只能修改幕布照片。如需修改其他信息（含新增域名），请单击【放弃备案】后重新填写，或待备案完成后办理变更备案',
    en: 'Initial review has passed: only curtain photos can change. To change anything else (including adding a domain), abandon the order (放弃备案) and create it again, or file a change after approval',
  },
  REVOKE_TO_MODIFY: {
    error: 'ILLEGAL_TRANSITION',
    rule: 'R-ORD-014',
    zh: '请先单击【撤销备案】/【返回修改】再修改信息',
    en: 'Click 「撤销备案」/「返回修改」 before editing',
  },
  ORDER_ALREADY_EDITABLE: {
    error: 'ILLEGAL_TRANSITION',
    rule: 'R-ORD-014',
    zh: '订单已处于可修改状态',
    en: 'The order is already open for editing',
  },
  PHOTO_UPLOAD_NOT_OPEN: {
    error: 'ILLEGAL_TRANSITION',
    rule: 'R-MAT-017',
    zh: '通过初审后才能上传幕布照片',
    en: 'Curtain photos can be uploaded only after the initial review has passed',
  },
  SERVER_EXPIRED_FLAG: {
    error: 'ILLEGAL_TRANSITION',
    rule: 'R-ACC-013',
    zh: '接入服务器已到期，审核不能通过；请驳回（接入服务器无效）或等待客户续费',
    en: 'The access server has expired: the review cannot pass. Reject with SERVER_INVALID or wait for the renewal',
  },
  SERVER_ALREADY_FLAGGED: {
    error: 'ILLEGAL_TRANSITION',
    rule: 'R-ACC-013',
    zh: '订单已标记服务器到期',
    en: 'The order is already flagged SERVER_EXPIRED',
  },
  SERVER_NOT_FLAGGED: {
    error: 'ILLEGAL_TRANSITION',
    rule: 'R-ACC-013',
    zh: '订单未标记服务器到期',
    en: 'The order is not flagged SERVER_EXPIRED',
  },
  STEP_NOT_EXPIRED: {
    error: 'ILLEGAL_TRANSITION',
    rule: 'R-ORD-026',
    zh: '当前步骤停留未满 45 天，订单未过期',
    en: 'The order has not been 45 days in this step; it has not expired',
  },
  STEP_TIMER_EXEMPT: {
    error: 'ILLEGAL_TRANSITION',
    rule: 'R-ORD-026',
    zh: '管局审核中的订单不受 45 天有效期限制',
    en: 'An order under bureau review is exempt from the 45-day step limit',
  },
  PHOTO_MISSING: {
    error: 'RULE_VIOLATION',
    rule: 'R-ORD-020',
    zh: '请上传所有网站负责人的幕布照片后再提交照片',
    en: 'Upload the curtain photo of every required principal before submitting the photos',
  },
  RULE_VIOLATIONS_OPEN: {
    error: 'RULE_VIOLATION',
    rule: 'R-ORD-003',
    zh: '备案信息仍有 {count} 项未通过校验，请修改后再提交',
    en: '{count} blocking rule violation(s) remain; fix them before submitting',
  },
  REJECTION_REASON_REQUIRED: {
    error: 'VALIDATION_FAILED',
    rule: 'R-REJ-001',
    zh: '驳回必须至少填写一项驳回原因',
    en: 'A rejection needs at least one reason code',
  },
  ACCESS_DATA_READ_ONLY: {
    error: 'RULE_VIOLATION',
    rule: 'R-SUB-029',
    zh: '接入备案的主体与网站信息（含域名列表）来自管局备案记录，不可修改。请先在原接入商处变更，或接入完成后在本接入商办理变更备案（所在省份允许时）',
    en: 'An access order carries the subject and website data (domain lists included) read-only from the bureau record. Change them at the original provider first, or here by a change order after access where the province allows',
  },
  CHANGE_REQUIRED: {
    error: 'RULE_VIOLATION',
    rule: 'R-ORD-029',
    zh: '新增网站的主体信息以备案成功信息为准，不可修改；如主体信息有变化，请先办理变更主体',
    en: 'An add-website order carries the filed subject data read-only; if they changed, file a CHANGE_SUBJECT first',
    variants: {
      PRINCIPAL_ID_EXPIRED: {
        zh: '已备案的负责人证件已过期，请先办理变更备案（变更主体或变更网站）更新负责人证件',
        en: 'A filed principal’s ID has expired; update it with CHANGE_SUBJECT or CHANGE_WEBSITE first',
      },
    },
  },
  SECTION_NOT_IN_ORDER_TYPE: {
    error: 'RULE_VIOLATION',
    rule: 'R-ORD-014',
    zh: '该类型订单不能修改此部分信息（{section}）',
    en: 'This order type cannot change this part of the data ({section})',
  },

  // Verify step and one-only limits (R-ACC-001..005, R-ORD-003..011, R-SUB-004/005/027, R-CHG-006/013/015)
  ACCOUNT_HAS_OTHER_SUBJECT: {
    error: 'RULE_VIOLATION',
    rule: 'R-ACC-001',
    zh: '一个账号只能备案一个主体，个人与单位属于不同主体。请重新注册另一个账号备案该主体；如该账号没有服务器，可使用备案授权码',
    en: 'One account files one subject, and a person and an organisation are different subjects. Register another account for this subject; without a server there, use an authorisation code',
  },
  SUBJECT_BOUND_TO_OTHER_ACCOUNT: {
    error: 'RULE_VIOLATION',
    rule: 'R-ACC-004',
    zh: '证件已在其他账号下有备案记录（{account}）。请登录该账号进行备案操作，或联系客服申请备案转移',
    en: 'This certificate already has filing records under another account ({account}). Sign in to that account, or ask support for a filing transfer',
  },
  ORDER_IN_FLIGHT: {
    error: 'CONFLICT',
    rule: 'R-ORD-007',
    zh: '一个账号只能有一个正在流程中的备案订单（包括填写中和被驳回待修改的订单）。请完成、放弃该订单或等待其过期后再提交',
    en: 'An account can have only one order in progress (drafts and rejected orders included). Complete or abandon it, or let it expire, first',
  },
  SUBJECT_CONFLICT: {
    error: 'CONFLICT',
    rule: 'R-ORD-008',
    zh: '备案主办者冲突：该主体在其他接入商有正在流程中的备案，一个主体只能有一个在流程中的备案',
    en: 'Subject conflict (备案主办者冲突): the subject has an order in progress at another provider; a subject may have only one',
  },
  DOMAIN_CONFLICT: {
    error: 'CONFLICT',
    rule: 'R-ORD-009',
    zh: '备案域名冲突：域名 {domain} 正在其他接入商或其他主体名下备案中',
    en: 'Domain conflict (备案域名冲突): {domain} is in an order in progress elsewhere',
  },
  INFO_CONFLICT: {
    error: 'CONFLICT',
    rule: 'R-ORD-006',
    zh: '填写的信息与工信部备案系统中现存信息冲突（{filingNumbers}）。请核对后重新填写；如确认无误，请携带证明材料联系省管局，并先注销原有备案后再备案',
    en: 'The data conflict with existing MIIT records ({filingNumbers}). Correct the entry; if it is correct, contact the province bureau with supporting documents and have the old record cancelled before filing again',
  },
  ALREADY_ACCESSED: {
    error: 'RULE_VIOLATION',
    rule: 'R-ORD-004',
    zh: '域名 {domain} 已在本接入商备案接入，如需修改请办理变更网站',
    en: '{domain} is already filed and accessed here; use a CHANGE_WEBSITE order to change it',
  },
  ACCESS_DATA_INCONSISTENT: {
    error: 'RULE_VIOLATION',
    rule: 'R-ORD-033',
    zh: '用域名、证件号查询分别已取得备案号 {filingNumbers}，其中一个备案号的备案信息有误。可先到原接入商修正信息后再接入；或先接入再变更（所在省份允许时）；或注销原备案后重新备案',
    en: 'The domain and the certificate map to different filings ({filingNumbers}); one of them is wrong. Fix the data at the original provider and then access; or access first and change afterwards where allowed; or cancel the original filing and file anew',
  },
  DOMAIN_ALREADY_FILED: {
    error: 'RULE_VIOLATION',
    rule: 'R-WEB-004',
    zh: '域名已备案：{domain}。请更换一个未备案的域名，或先注销原有备案（非本人域名可向管局申请注销）',
    en: '{domain} is already filed. Use an unfiled domain, or have the old filing cancelled (for a domain you now hold, through the bureau)',
    variants: {
      // R-ORD-005 「情况二」: the subject's own filing under its older certificate number.
      CASE_TWO: {
        zh: '域名已备案：{domain}。原备案使用的是老证件号码，请在验证时填写原证件号码（{oldCert}），再按所在省份要求上传证件；若无法办理，请先到原接入商完成变更，或注销原主体后重新备案',
        en: '{domain} is filed under your subject’s original certificate number ({oldCert}). Enter that number at the verify step and upload the certificate your province requires; if impossible, change the data at the original provider first, or cancel the original subject and file again',
      },
    },
  },
  MIXED_ORDER_TYPES: {
    error: 'RULE_VIOLATION',
    rule: 'R-ORD-011',
    zh: '一个订单只能包含同一类型的网站，不同类型须分次提交（建议先办理接入备案，再新增网站）：{types}',
    en: 'An order holds websites of one type; submit different types separately (access first, then add websites): {types}',
  },
  CERT_CHANGE_REQUIRED: {
    error: 'RULE_VIOLATION',
    rule: 'R-SUB-004',
    zh: '备案信息中的证件号码为旧营业执照号码，请先提交变更主体，将证件号码变更为统一社会信用代码',
    en: 'The filed record still holds the old registration number; file a CHANGE_SUBJECT to the unified social credit code first',
  },
  ENTER_ORIGINAL_CERT_NUMBER: {
    error: 'RULE_VIOLATION',
    rule: 'R-SUB-005',
    zh: '该主体原备案使用的是以前的证件号码（{oldCert}），需要填写以前的证件号码才能正确验证备案类型，并上传新的证件',
    en: 'The subject was filed under its earlier certificate number ({oldCert}); enter that number so the order type is recognised, and upload the new certificate',
  },
  WRONG_ORDER_TYPE: {
    error: 'CONFLICT',
    rule: 'R-ORD-010',
    zh: '备案类型提交错误：根据最新备案数据，该订单应为{expected}，而不是{actual}。请放弃本订单并重新验证备案信息',
    en: 'Wrong order type (备案类型提交错误): the current filing data make this a {expected} order, not {actual}. Abandon it and run the verify step again',
  },
  FILED_DOMAIN_NOT_HELD: {
    error: 'RULE_VIOLATION',
    rule: 'R-CHG-015',
    zh: '已备案的域名 {domain} 已不在您名下，请先注销现在的备案主体信息，然后重新备案（首次备案）',
    en: 'The filed domain {domain} is no longer held by the subject: cancel the subject (CANCEL_SUBJECT), then file again (FIRST)',
    variants: {
      // The FAQ prescribes cancelling the subject; for a subject with other websites the lighter remedies suffice.
      MULTI_WEBSITE: {
        zh: '已备案的域名 {domain} 已不在您名下，请先注销该域名所在网站（注销网站），或通过变更网站删除该域名（网站还有其他域名时）',
        en: 'The filed domain {domain} is no longer held by the subject: cancel that website (CANCEL_WEBSITE), or remove the domain with CHANGE_WEBSITE if the website has other domains',
      },
    },
  },
  SUBJECT_NOT_ACCESSED_HERE: {
    error: 'RULE_VIOLATION',
    rule: 'R-CHG-006',
    zh: '该主体没有在本接入商接入的网站，请到原接入商办理变更或注销',
    en: 'The subject has no website accessed at this provider; make the change at the provider holding it',
  },
  WEBSITE_NOT_ACCESSED_HERE: {
    error: 'RULE_VIOLATION',
    rule: 'R-CHG-006',
    zh: '网站 {website} 未在本接入商接入，只能操作在本接入商接入的网站',
    en: 'Website {website} is not accessed at this provider; only websites accessed here can be changed or cancelled here',
  },
  LAST_WEBSITE_USE_CANCEL_SUBJECT: {
    error: 'RULE_VIOLATION',
    rule: 'R-CHG-013',
    zh: '该网站是主体下唯一的已备案网站，请办理注销主体',
    en: 'This is the subject’s only filed website; cancel the subject instead',
  },
  NOT_BOUND_TO_SUBJECT: {
    error: 'RULE_VIOLATION',
    rule: 'R-CHG-006',
    zh: '当前账号未绑定该主体，无法办理变更或注销',
    en: 'This account is not bound to the subject, so it cannot change or cancel its filing',
  },
  TRANSFER_TARGET_HAS_SUBJECT: {
    error: 'RULE_VIOLATION',
    rule: 'R-ACC-005',
    zh: '目标账号已绑定其他主体，无法转移',
    en: 'The target account already holds a subject',
  },
  TRANSFER_ORDER_IN_FLIGHT: {
    error: 'CONFLICT',
    rule: 'R-ACC-005',
    zh: '该主体有正在流程中的订单，完成或放弃后才能转移',
    en: 'The subject has an order in progress; finish or abandon it before the transfer',
  },
  TRANSFER_SAME_ACCOUNT: {
    error: 'BAD_REQUEST',
    rule: 'R-ACC-005',
    zh: '源账号与目标账号相同',
    en: 'The source and target accounts are the same',
  },
  NO_TARGETS: {
    error: 'VALIDATION_FAILED',
    rule: 'R-CHG-006',
    zh: '请选择要办理的网站',
    en: 'Select the website(s) the order is for',
  },
  NO_DOMAINS: {
    error: 'VALIDATION_FAILED',
    rule: 'R-ORD-003',
    zh: '请至少填写一个域名',
    en: 'Enter at least one domain',
  },
  PROVIDER_MAY_ONLY_CANCEL_ACCESS: {
    error: 'FORBIDDEN',
    rule: 'R-CHG-018',
    zh: '接入商只能发起取消接入',
    en: 'The provider may only initiate a cancel-access order',
  },
} as const satisfies Record<string, RefusalEntry>;

export type RefusalCode = keyof typeof REFUSALS;

export type RefusalParams = Record<string, string | number>;

/** A decision not to do something: a stable code, the API error it maps to, a message in both languages. */
export interface Refusal {
  ok: false;
  code: RefusalCode;
  error: ErrorCode;
  rule: string;
  message: LocalizedText;
  params?: RefusalParams;
  /** Which guidance variant the message carries, when the code has several. */
  variant?: string;
}

function fill(template: string, params: RefusalParams | undefined): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in params ? String(params[key]) : whole));
}

export function refusal(code: RefusalCode, params?: RefusalParams, variant?: string): Refusal {
  const entry: RefusalEntry = REFUSALS[code];
  const text = (variant && entry.variants?.[variant]) || entry;
  return {
    ok: false,
    code,
    error: entry.error,
    rule: entry.rule,
    message: { zh: fill(text.zh, params), en: fill(text.en, params) },
    ...(params ? { params } : {}),
    ...(variant ? { variant } : {}),
  };
}

/** The edge form of a refusal: the API code from errors.ts, with the refusal code as the catalogue reason. */
export function refusalToError(r: Refusal, details?: Record<string, unknown>): DomainError {
  return new DomainError(r.error, { reason: r.code, message: r.message, details: { ...r.params, ...details } });
}
