import type { LocalizedText } from '../../platform/i18n.ts';
import type { CheckContext } from '../rules/context.ts';
import type { ReviewStage } from '../rules/data/rejection-reasons.ts';
import { type FilingDraft, isOrganisation } from '../rules/draft.ts';
import type { ProvinceRules } from '../rules/provinces/types.ts';
import { type RuleDef, ruleApplies } from '../rules/rule.ts';
import type { Violation } from '../rules/violation.ts';
import type { CallStatus } from './calls.ts';

/**
 * The reviewer's checklist (R-ORD-017 for initial review, R-ORD-021 / R-MAT-021 for photo re-review): the rules-engine
 * result for every rule in scope, each with its R- id, plus the items only a person can judge. Pure: the service feeds
 * it the rule set in force today (R-PRV-001) and the call log.
 */
export type ItemStatus = 'pass' | 'fail' | 'warn' | 'pending' | 'manual';

export interface ChecklistItem {
  id: string;
  group: ChecklistGroup;
  rules: readonly string[];
  title: LocalizedText;
  /** auto = decided by the rules engine or the order's own facts; manual = the reviewer's judgement. */
  kind: 'auto' | 'manual';
  status: ItemStatus;
  /** The reason code to reject with when the item fails. */
  reasonCode?: string;
  /** The field the reason belongs to (concrete path where one is known). */
  field?: string;
  violations?: Violation[];
  hint?: LocalizedText;
  /** True when a failure forbids approval (R-ORD-017: the review passes only with every such item passed). */
  blocksApproval: boolean;
}

export type ChecklistGroup =
  | 'call'
  | 'account'
  | 'subject'
  | 'website'
  | 'preApproval'
  | 'order'
  | 'change'
  | 'province'
  | 'materials'
  | 'content'
  | 'photo';

export const GROUP_LABELS: Record<ChecklistGroup, LocalizedText> = {
  call: { zh: '审核确认电话', en: 'Confirmation call' },
  account: { zh: '账号与接入资源', en: 'Account and access resource' },
  subject: { zh: '主体与负责人', en: 'Subject and principals' },
  website: { zh: '网站与域名', en: 'Websites and domains' },
  preApproval: { zh: '前置审批', en: 'Pre-approvals' },
  order: { zh: '订单类型与并发', en: 'Order type and concurrency' },
  change: { zh: '变更与注销', en: 'Changes and cancellation' },
  province: { zh: '省管局要求', en: 'Province rules' },
  materials: { zh: '证件与核验单', en: 'Documents and verification sheets' },
  content: { zh: '网站内容（人工判断）', en: 'Website content (reviewer judgement)' },
  photo: { zh: '幕布照片', en: 'Curtain photos' },
};

const PREFIX_GROUP: Record<string, ChecklistGroup> = {
  ACC: 'account',
  SUB: 'subject',
  WEB: 'website',
  PRE: 'preApproval',
  EXT: 'preApproval',
  ORD: 'order',
  CHG: 'change',
  PRV: 'province',
  MAT: 'materials',
};

function groupOf(ruleId: string): ChecklistGroup {
  return PREFIX_GROUP[ruleId.split('-')[1] ?? ''] ?? 'order';
}

/**
 * Warnings at fill-in that initial review must not pass: R-WEB-009 (「初审不得通过」 an unverified domain),
 * R-WEB-014 (privacy protection where the owner must match: 「初审驳回」) and R-EXT-012 (a 文网文 added while the home
 * page does not show its number: initial review rejects with CULTURE_LICENCE_NOT_DISPLAYED).
 */
export const REVIEW_BLOCKING_WARNINGS: ReadonlySet<string> = new Set([
  'DOMAIN_NOT_REAL_NAME',
  'DOMAIN_PRIVACY_ON',
  'CULTURE_LICENCE_NOT_DISPLAYED',
]);

const PHOTO_ORDER_TYPES = new Set(['FIRST', 'ADD_WEBSITE']);
const EXISTING_SITES_TYPES = new Set(['ADD_WEBSITE', 'CHANGE_SUBJECT', 'CHANGE_WEBSITE', 'CHANGE_ACCESS']);

export interface ChecklistInput {
  stage: ReviewStage;
  draft: FilingDraft;
  ctx: CheckContext;
  violations: readonly Violation[];
  rules: readonly RuleDef[];
  /** The province's rules in force today, for the re-review photo items (curtain text, seasonal clothing). */
  provinceRules: ProvinceRules | null;
  /** The curtain text the photo must show (R-PRV-018, provider configuration). */
  curtainText: string | null;
  serverExpired: boolean;
  calls: CallStatus | null;
}

export interface Checklist {
  stage: ReviewStage;
  ruleSetVersion: string;
  items: ChecklistItem[];
  /** Items whose failure forbids approval now. */
  blocking: ChecklistItem[];
}

/** The auto item of one rule in scope: failed by its blocking violations, warned by the others. */
function ruleItem(rule: RuleDef, found: Violation[]): ChecklistItem {
  const blocks = found.some((v) => v.severity === 'block' || REVIEW_BLOCKING_WARNINGS.has(v.code));
  const status: ItemStatus = found.length === 0 ? 'pass' : blocks ? 'fail' : 'warn';
  return {
    id: rule.id,
    group: groupOf(rule.id),
    rules: [rule.id],
    title: rule.title,
    kind: 'auto',
    status,
    reasonCode: found[0]?.code ?? rule.code,
    field: found[0]?.field ?? rule.field,
    ...(found.length ? { violations: found } : {}),
    blocksApproval: blocks,
  };
}

function manual(
  id: string,
  group: ChecklistGroup,
  rules: string[],
  title: LocalizedText,
  reasonCode: string,
  field: string,
  hint?: LocalizedText,
): ChecklistItem {
  return {
    id,
    group,
    rules,
    title,
    kind: 'manual',
    status: 'manual',
    reasonCode,
    field,
    blocksApproval: false,
    ...(hint ? { hint } : {}),
  };
}

function serverItem(expired: boolean): ChecklistItem {
  return {
    id: 'R-ACC-013',
    group: 'account',
    rules: ['R-ACC-013'],
    title: { zh: '接入服务器在有效期内', en: 'The access server has not expired' },
    kind: 'auto',
    status: expired ? 'fail' : 'pass',
    reasonCode: 'SERVER_INVALID',
    field: 'websites[0].serverIds',
    blocksApproval: expired,
  };
}

function callItem(calls: CallStatus | null): ChecklistItem {
  const status: ItemStatus = calls?.confirmed ? 'pass' : calls?.unreachedRejectionAllowed ? 'fail' : 'pending';
  return {
    id: 'R-ORD-018',
    group: 'call',
    rules: ['R-ORD-017', 'R-ORD-018'],
    title: { zh: '已致电主体负责人并确认备案', en: 'The subject principal was called and confirmed the filing' },
    kind: 'auto',
    status,
    reasonCode: 'CONFIRMATION_CALL_UNREACHED',
    field: 'subjectPrincipal.mobile',
    hint: {
      zh: '首次未接通时须间隔至少 2 小时再拨打一次；两次均未接通将自动驳回。',
      en: 'After a missed call, wait at least 2 hours before the second attempt; two missed calls reject the order.',
    },
    blocksApproval: !calls?.confirmed,
  };
}

/** R-PRE-011 (organisations) / R-PRE-012 (individuals): content that fits the subject; one item per FAQ element. */
function contentItems(draft: FilingDraft): ChecklistItem[] {
  const w = 'websites[0]';
  const items: ChecklistItem[] = [];
  const org = isOrganisation(draft.subject?.type);
  const mismatch = 'CONTENT_SUBJECT_MISMATCH';
  if (org) {
    items.push(
      manual(
        'R-PRE-011-a',
        'content',
        ['R-PRE-011'],
        { zh: '网站内容是本单位自身内容', en: 'The content is about the organisation itself' },
        mismatch,
        w,
      ),
      manual(
        'R-PRE-011-b',
        'content',
        ['R-PRE-011'],
        { zh: '网站内容符合营业执照经营范围', en: 'The content fits the registered business scope' },
        mismatch,
        w,
      ),
      manual(
        'R-PRE-011-c',
        'content',
        ['R-PRE-011'],
        { zh: '网站不涉及其他单位', en: 'The site does not present other organisations' },
        mismatch,
        w,
      ),
      manual(
        'R-PRE-011-d',
        'content',
        ['R-PRE-011'],
        {
          zh: '涉及前置审批的内容（经营性、教育、医疗、化工等）有相应审批',
          en: 'Content needing approval (commercial, education, medical, chemical …) has it',
        },
        mismatch,
        w,
      ),
    );
  } else if (draft.subject?.type === 'PERSONAL') {
    items.push(
      manual(
        'R-PRE-012',
        'content',
        ['R-PRE-012'],
        {
          zh: '个人网站不涉及企业、团体、论坛、经营性及前置审批内容',
          en: 'A personal site has no company, group, forum, commercial or pre-approval content',
        },
        mismatch,
        w,
      ),
    );
  }
  if (draft.orderType && PHOTO_ORDER_TYPES.has(draft.orderType)) {
    items.push(
      manual(
        'R-PRE-014',
        'content',
        ['R-PRE-014'],
        {
          zh: '网站未开通访问，或仅显示「网站正在建设中」',
          en: "The site is closed or shows only 'under construction'",
        },
        'SITE_OPEN_BEFORE_FILING',
        `${w}.domains`,
        {
          zh: '驳回时请在说明中记录访问的 URL、时间与看到的 HTTP 状态或页面标题。',
          en: 'When rejecting, note the URL, time and observed HTTP status or page title.',
        },
      ),
    );
  }
  if (draft.orderType && EXISTING_SITES_TYPES.has(draft.orderType)) {
    items.push(
      manual(
        'R-PRE-013',
        'content',
        ['R-PRE-013', 'R-ORD-030', 'R-ORD-037'],
        {
          zh: '已备案网站首页底部悬挂备案号并链接工信部网站',
          en: 'Filed sites show the filing number linked to the MIIT site',
        },
        'FILING_NUMBER_NOT_DISPLAYED',
        'existingWebsites',
      ),
    );
  }
  items.push(
    manual(
      'R-MAT-003',
      'materials',
      ['R-MAT-003', 'R-SUB-003'],
      {
        zh: '证件为原件的彩色扫描件或照片，正反面齐全、清晰、完整，且为最新证件',
        en: 'Certificates are colour scans or photos of the original, both sides, legible, complete and the latest ones',
      },
      'CERT_IMAGE_UNCLEAR',
      'materials',
      {
        zh: '黑白复印件、缺少一面或裁切不全时，以「CERT_IMAGE_INCOMPLETE 证件不完整」驳回；模糊不清时以「证件不清晰」驳回。',
        en: 'Reject a black-and-white copy, a missing side or a cropped image with CERT_IMAGE_INCOMPLETE; an illegible one with CERT_IMAGE_UNCLEAR.',
      },
    ),
  );
  return items;
}

/** R-MAT-021 (a)–(f) and R-MAT-023, with the province's curtain text and season rule in force today. */
function photoItems(rules: ProvinceRules | null, curtainText: string | null): ChecklistItem[] {
  const f = 'materials';
  const items = [
    manual(
      'R-MAT-021-a',
      'photo',
      ['R-MAT-021'],
      { zh: '照片中为网站负责人本人', en: 'The photo shows the website principal in person' },
      'PHOTO_NOT_PRINCIPAL',
      f,
    ),
    manual(
      'R-MAT-021-b',
      'photo',
      ['R-MAT-021'],
      { zh: '拍摄胸部以上（半身照）', en: 'Framed from the chest up' },
      'PHOTO_FRAMING',
      f,
    ),
    manual(
      'R-MAT-021-c',
      'photo',
      ['R-MAT-021', 'R-PRV-018'],
      { zh: '幕布字样与本省要求一致', en: "The curtain text is the province's text" },
      'CURTAIN_TEXT_MISMATCH',
      f,
      curtainText ? { zh: `应为「${curtainText}」`, en: `Expected 「${curtainText}」` } : undefined,
    ),
    manual(
      'R-MAT-021-d',
      'photo',
      ['R-MAT-021', 'R-MAT-022'],
      { zh: '照片未经 PS、合成，未使用电子幕布', en: 'Not edited or composited; no electronic curtain' },
      'PHOTO_EDITED',
      f,
    ),
    manual(
      'R-MAT-021-e',
      'photo',
      ['R-MAT-021'],
      { zh: '幕布字样不是反的', en: 'The curtain text is not mirrored' },
      'PHOTO_MIRRORED',
      f,
    ),
    manual(
      'R-MAT-023',
      'photo',
      ['R-MAT-023'],
      { zh: '幕布为本接入商现行幕布', en: "The curtain is this provider's current one" },
      'CURTAIN_NOT_PROVIDER',
      f,
    ),
  ];
  if (rules?.seasonalClothing) {
    items.push(
      manual(
        'R-MAT-021-f',
        'photo',
        ['R-MAT-021', 'R-PRV-016'],
        { zh: '着装符合当季', en: 'Clothing suits the current season' },
        'PHOTO_SEASON',
        f,
      ),
    );
  }
  return items;
}

export function buildChecklist(input: ChecklistInput): Checklist {
  const items: ChecklistItem[] = [];
  if (input.stage === 'initial') {
    items.push(callItem(input.calls), serverItem(input.serverExpired));
    for (const rule of input.rules) {
      if (!ruleApplies(rule, input.draft, input.ctx)) continue;
      items.push(
        ruleItem(
          rule,
          input.violations.filter((v) => v.rule === rule.id),
        ),
      );
    }
    // a violation whose rule id is not in the list (e.g. RULE_FAILED of a broken rule) must still be seen
    const known = new Set(input.rules.map((r) => r.id));
    for (const v of input.violations) {
      if (known.has(v.rule)) continue;
      items.push({
        id: `${v.rule}:${v.code}`,
        group: groupOf(v.rule),
        rules: [v.rule],
        title: v.message,
        kind: 'auto',
        status: v.severity === 'block' ? 'fail' : 'warn',
        reasonCode: v.code,
        field: v.field,
        violations: [v],
        blocksApproval: v.severity === 'block',
      });
    }
    items.push(...contentItems(input.draft));
  } else {
    items.push(serverItem(input.serverExpired), ...photoItems(input.provinceRules, input.curtainText));
  }
  return {
    stage: input.stage,
    ruleSetVersion: input.ctx.ruleSetVersion,
    items,
    blocking: items.filter((i) => i.blocksApproval),
  };
}
