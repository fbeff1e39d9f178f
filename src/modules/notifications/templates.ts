import { type Static, type TSchema, Type } from 'typebox';
import { Value } from 'typebox/value';
import type { Lang } from '../../platform/i18n.ts';
import { addCalendarDays, beijingDate, beijingDateTime } from '../calendar/index.ts';
import { ORDER_TYPES, type OrderType, orderTypeLabel } from '../filings/domain/order-types.ts';
import { ORDER_STATES, type OrderState, stateLabel } from '../filings/domain/states.ts';
import { filingNumberSnippet } from '../rules/snippet.ts';
import type { Block, MailDoc, RenderedMail } from './doc.ts';
import { renderMail } from './doc.ts';
import { fieldLabel } from './fields.ts';

/**
 * The notification templates (R-NTF): one entry per customer-visible event, keyed by template id, each with the
 * payload schema the outbox row must carry, the channels it may go out on, and a pure renderer per channel in zh-CN
 * and English. The worker validates a row's payload against the schema before rendering, so a malformed row goes
 * dead with a reason instead of sending a broken mail.
 *
 * Privacy (DESIGN decision 7): SMS text carries only what the FAQ shows an SMS carrying — an order number, a filing
 * number, a code or the filing password, a hotline — never names, ID numbers or addresses.
 */

export interface TemplateEnv {
  /** The access provider's name (BEIAN_PROVIDER_NAME). */
  providerName: string;
  hotline: string;
  /** External URL of the console, for links (PUBLIC_URL). */
  publicUrl: string;
}

export type Channel = 'email' | 'sms';

/** 全国公安机关互联网站安全管理服务平台 (R-EXT-001). */
export const PSB_PLATFORM_URL = 'https://beian.mps.gov.cn/';
/** R-EXT-001: the public-security filing is due this many calendar days after the site first opens here. */
export const PSB_FILING_DAYS = 30;

/** R-EXT-001 (interp.: the site opens on the first allowed date here): due date = that date + 30 calendar days. */
export function psbDueDate(openedOn: string): string {
  return addCalendarDays(openedOn, PSB_FILING_DAYS);
}

// ---------------------------------------------------------------------------------------------------------------
// payload schemas

const Str = (max = 500) => Type.String({ maxLength: max });
const OrderTypeSchema = Type.Enum(ORDER_TYPES);
const OrderRef = {
  orderId: Str(64),
  orderNo: Str(32),
  orderType: OrderTypeSchema,
};

const Reason = Type.Object({
  code: Str(64),
  field: Str(200),
  message: Str(1000),
  fix: Type.Optional(Str(1000)),
});

const RejectionPayload = Type.Object({
  ...OrderRef,
  reasons: Type.Array(Reason, { minItems: 1, maxItems: 50 }),
  /** Instant the order expires unless resubmitted (R-ORD-026/027). */
  deadline: Type.Number(),
  websiteNames: Type.Optional(Type.Array(Type.Union([Str(100), Type.Null()]), { maxItems: 64 })),
  materials: Type.Optional(
    Type.Array(Type.Object({ kind: Str(64), websiteIndex: Type.Optional(Type.Integer()) }), { maxItems: 400 }),
  ),
});

const PhotoPoint = Type.Object({
  name: Str(100),
  kind: Type.Union([Type.Literal('AGENT'), Type.Literal('VERIFICATION')]),
  province: Str(16),
  city: Str(32),
  address: Str(200),
  phone: Str(40),
  hours: Type.Optional(Str(100)),
});

const CurtainNoticePayload = Type.Object({
  ...OrderRef,
  domains: Type.Array(Str(253), { maxItems: 100 }),
  photoPoints: Type.Array(PhotoPoint, { maxItems: 100 }),
});

const BureauDecisionPayload = Type.Object({
  decision: Type.Union([Type.Literal('APPROVED'), Type.Literal('REJECTED'), Type.Literal('CANCELLED')]),
  orderNo: Type.Optional(Str(32)),
  filingNumber: Type.Optional(Str(40)),
  reasons: Type.Optional(Type.Array(Str(500), { maxItems: 50 })),
});

const PasswordPayload = Type.Object({ subjectFilingNumber: Str(40), password: Str(64) });

const MissedCallPayload = Type.Object({
  orderNo: Str(32),
  hotline: Type.Optional(Str(40)),
  attempt: Type.Optional(Type.Integer()),
  nextAttemptAfter: Type.Optional(Type.Number()),
});

const CodePayload = Type.Object({
  code: Type.String({ pattern: '^[0-9]{4,8}$' }),
  ttlMinutes: Type.Integer({ minimum: 1 }),
});

const ServerExpiryPayload = Type.Object({
  orderId: Str(64),
  orderNo: Str(32),
  stage: Type.Union([Type.Literal('warning'), Type.Literal('expired')]),
  expiresOn: Str(10),
  serverName: Type.Optional(Str(100)),
});

const StepExpiryPayload = Type.Object({ ...OrderRef, state: Type.Enum(ORDER_STATES), expiresAt: Type.Number() });

const FiledWebsite = Type.Object({
  name: Type.Optional(Type.Union([Str(100), Type.Null()])),
  domains: Type.Array(Str(253), { maxItems: 64 }),
  filingNumber: Type.Optional(Type.Union([Str(40), Type.Null()])),
});

const ApprovalPayload = Type.Object({
  ...OrderRef,
  subjectName: Str(100),
  subjectFilingNumber: Type.Optional(Type.Union([Str(40), Type.Null()])),
  websites: Type.Array(FiledWebsite, { maxItems: 64 }),
  miitUrl: Str(200),
  /** R-EXT-001: only for FIRST and ADD_WEBSITE, whose websites open here now. */
  psbDueDate: Type.Optional(Str(10)),
});

const CancelAccessPayload = Type.Object({
  ...OrderRef,
  websites: Type.Array(FiledWebsite, { maxItems: 64 }),
});

/** R-BUR-016: what each bureau cancellation reason code means, in the customer's words (FAQ 为什么备案号会被注销). */
const CANCELLATION_REASON_TEXT: Record<string, { zh: string; en: string }> = {
  SUBJECT_REQUEST: { zh: '备案主体申请注销', en: 'the subject asked for the cancellation' },
  DOMAIN_HOLDER_CONFLICT: {
    zh: '域名的新持有者因域名冲突申请注销',
    en: "the domain's new holder asked for it because of a domain conflict",
  },
  SHELL_NO_ACCESS: {
    zh: '网站长期无接入，作为空壳网站注销',
    en: 'the website had no access provider (a shell filing)',
  },
  INACCURATE_INFO: {
    zh: '网站信息不真实、不准确或有信息缺失',
    en: 'the filed information was untrue, inaccurate or incomplete',
  },
  ILLEGAL_CONTENT: { zh: '网站含有违法信息', en: 'the website carried illegal content' },
};

function reasonLabel(code: string, lang: Lang): string {
  const t = CANCELLATION_REASON_TEXT[code];
  return t ? (lang === 'zh' ? `，${t.zh}` : `: ${t.en}`) : '';
}

const BureauCancellationPayload = Type.Object({
  filingNumber: Str(40),
  domains: Type.Array(Str(253), { maxItems: 64 }),
  reasonCode: Type.Optional(Str(64)),
  province: Type.Optional(Str(16)),
});

const DomainExpiredPayload = Type.Object({ domain: Str(253), filingNumber: Type.Optional(Str(40)) });

const CurtainDispatchedPayload = Type.Object({
  orderId: Str(64),
  orderNo: Str(32),
  courier: Str(60),
  trackingNumber: Str(40),
  dispatchedOn: Type.Optional(Str(10)),
});

const PhotoUploadedPayload = Type.Object({
  orderId: Str(64),
  orderNo: Str(32),
  uploadedBy: Type.Union([Type.Literal('photo_point'), Type.Literal('provider')]),
  at: Type.Number(),
});

const TransferPayload = Type.Object({
  role: Type.Union([Type.Literal('from'), Type.Literal('to')]),
  subjectName: Str(100),
  otherAccount: Str(40),
});

const CultureLicencePayload = Type.Object({
  stage: Type.Union([Type.Literal('renewal'), Type.Literal('expired')]),
  licenceNumber: Str(80),
  expiresOn: Str(10),
  websiteName: Type.Optional(Str(100)),
  domain: Type.Optional(Str(253)),
});

const SyncedPayload = Type.Object({
  ...OrderRef,
  state: Type.Enum(ORDER_STATES),
  domains: Type.Array(Str(253), { maxItems: 100 }),
});

const PsbReminderPayload = Type.Object({
  orderId: Type.Optional(Str(64)),
  domains: Type.Array(Str(253), { minItems: 1, maxItems: 100 }),
  dueDate: Str(10),
});

// ---------------------------------------------------------------------------------------------------------------
// helpers

const tr = (lang: Lang, zh: string, en: string) => (lang === 'zh' ? zh : en);
const typeName = (t: OrderType, lang: Lang) => orderTypeLabel(t)[lang];
const orderUrl = (env: TemplateEnv, orderId: string) =>
  `${env.publicUrl.replace(/\/+$/, '')}/console/orders/${orderId}`;
const at = (ms: number) => {
  const b = beijingDateTime(new Date(ms));
  return `${b.date} ${String(b.hour).padStart(2, '0')}:${String(b.minute).padStart(2, '0')}`;
};
const greeting = (lang: Lang) => tr(lang, '尊敬的用户，您好：', 'Hello,');
const providerFooter = (lang: Lang, env: TemplateEnv) => [
  env.providerName,
  tr(lang, `备案客服热线：${env.hotline}`, `Filing hotline: ${env.hotline}`),
  tr(lang, '此邮件由系统自动发送，请勿直接回复。', 'This message was sent automatically; please do not reply.'),
];
const bureauFooter = (lang: Lang) => [
  tr(lang, '工信部 ICP/IP 地址/域名信息备案管理系统（模拟）', 'MIIT ICP filing system (simulated)'),
  tr(lang, '此邮件由系统自动发送，请勿直接回复。', 'This message was sent automatically; please do not reply.'),
];
const consoleLink = (lang: Lang, env: TemplateEnv, orderId: string): Block => ({
  kind: 'link',
  label: tr(lang, '登录备案控制台查看订单', 'Open the order in the filing console'),
  url: orderUrl(env, orderId),
});

function reasonItems(p: Static<typeof RejectionPayload>, lang: Lang): Block {
  const ctx = { websiteNames: p.websiteNames ?? undefined, materials: p.materials };
  return {
    kind: 'items',
    items: p.reasons.map((r) => ({
      title: fieldLabel(r.field, lang, ctx),
      lines: [
        tr(lang, `驳回原因：${r.message}（${r.code}）`, `Reason: ${r.message} (${r.code})`),
        ...(r.fix ? [tr(lang, `修改意见：${r.fix}`, `Suggested fix: ${r.fix}`)] : []),
      ],
    })),
  };
}

function deadlineBlock(p: { deadline: number }, lang: Lang): Block {
  return {
    kind: 'p',
    text: tr(
      lang,
      `请在 ${at(p.deadline)}（北京时间）前完成修改并重新提交。单个步骤停留不得超过 45 天，逾期订单将失效，需重新提交备案。`,
      `Please make the changes and resubmit before ${at(p.deadline)} (Beijing time). An order may not stay more than 45 days in one step; after that it expires and you must file again.`,
    ),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// the registry

interface TemplateDef<S extends TSchema> {
  rule: string;
  /** For the README and the admin view: when the template is sent and to whom. */
  trigger: string;
  payload: S;
  /** Secret payloads (a password, a code) are blanked in the outbox once delivered and never logged. */
  secret?: boolean;
  email?: (p: Static<S>, lang: Lang, env: TemplateEnv) => MailDoc;
  sms?: (p: Static<S>, lang: Lang, env: TemplateEnv) => string;
}

const define = <S extends TSchema>(d: TemplateDef<S>): TemplateDef<S> => d;

export const TEMPLATES = {
  'R-NTF-001': define({
    rule: 'R-NTF-001',
    trigger: 'T07 initial review rejected (INITIAL_REJECT): account email + subject principal email',
    payload: RejectionPayload,
    email: (p, lang, env) => ({
      subject: tr(
        lang,
        `【备案初审驳回】订单 ${p.orderNo} 未通过初审，请按修改意见修改`,
        `[Filing rejected at initial review] Order ${p.orderNo}: please make the requested changes`,
      ),
      greeting: greeting(lang),
      blocks: [
        {
          kind: 'p',
          text: tr(
            lang,
            `您的${typeName(p.orderType, lang)}订单（订单号 ${p.orderNo}）未通过${env.providerName}初审。驳回原因和修改意见如下：`,
            `Your ${typeName(p.orderType, lang)} order (no. ${p.orderNo}) did not pass ${env.providerName}'s initial review. The reasons and suggested changes:`,
          ),
        },
        reasonItems(p, lang),
        {
          kind: 'p',
          text: tr(
            lang,
            '请登录备案控制台，在订单上单击【返回修改】，按修改意见修改标注的项目，单击【完成修改】后再单击【重新提交备案】。其他项目无需改动。',
            "Sign in to the filing console, click 'Back to edit' on the order, change the flagged items as suggested, click 'Finish editing' and then 'Resubmit'. Other items need no change.",
          ),
        },
        deadlineBlock(p, lang),
        consoleLink(lang, env, p.orderId),
      ],
      footer: providerFooter(lang, env),
    }),
  }),

  'R-NTF-002': define({
    rule: 'R-NTF-002',
    trigger: 'T14 photo re-review rejected (RE_REVIEW_REJECT): account email + subject principal email',
    payload: RejectionPayload,
    email: (p, lang, env) => ({
      subject: tr(
        lang,
        `【备案复审驳回】订单 ${p.orderNo} 幕布照片未通过复审，请重新拍摄`,
        `[Photo re-review rejected] Order ${p.orderNo}: please retake the curtain photo`,
      ),
      greeting: greeting(lang),
      blocks: [
        {
          kind: 'p',
          text: tr(
            lang,
            `您的${typeName(p.orderType, lang)}订单（订单号 ${p.orderNo}）上传的幕布照片未通过${env.providerName}复审。驳回原因和修改意见如下：`,
            `The curtain photo of your ${typeName(p.orderType, lang)} order (no. ${p.orderNo}) did not pass ${env.providerName}'s re-review. The reasons and suggested changes:`,
          ),
        },
        reasonItems(p, lang),
        {
          kind: 'p',
          text: tr(
            lang,
            '请根据修改意见拍摄符合要求的照片并替换原有照片，替换完成后单击【提交照片】再次提交复审。此阶段只能更换照片，无需重新初审。',
            "Take a photo that meets the requirements, replace the old one, then click 'Submit photos' for another re-review. Only photos can be changed at this step; initial review is not repeated.",
          ),
        },
        deadlineBlock(p, lang),
        consoleLink(lang, env, p.orderId),
      ],
      footer: providerFooter(lang, env),
    }),
  }),

  'R-NTF-003': define({
    rule: 'R-NTF-003',
    trigger: 'T19 bureau rejection synced (BUREAU_REJECT; also R-NTF-020): account email + subject principal email',
    payload: RejectionPayload,
    email: (p, lang, env) => ({
      subject: tr(
        lang,
        `【管局审核驳回】订单 ${p.orderNo} 未通过管局审核，请按修改意见修改`,
        `[Rejected by the bureau] Order ${p.orderNo}: please make the requested changes`,
      ),
      greeting: greeting(lang),
      blocks: [
        {
          kind: 'p',
          text: tr(
            lang,
            `管局已驳回您的${typeName(p.orderType, lang)}订单（订单号 ${p.orderNo}），结果已同步至备案控制台。以下为管局驳回原因（原文转达）及${env.providerName}的修改意见：`,
            `The bureau rejected your ${typeName(p.orderType, lang)} order (no. ${p.orderNo}); the result is now in the filing console. The bureau's reasons (verbatim) and ${env.providerName}'s suggestions:`,
          ),
        },
        reasonItems(p, lang),
        {
          kind: 'p',
          text: tr(
            lang,
            `修改信息完成之后，单击【重新提交备案】。${env.providerName}会在 1 个工作日之内再次审核，审核通过之后交由管局进行终审。`,
            `After making the changes, click 'Resubmit'. ${env.providerName} reviews the order again within 1 working day and then passes it to the bureau.`,
          ),
        },
        deadlineBlock(p, lang),
        consoleLink(lang, env, p.orderId),
      ],
      footer: providerFooter(lang, env),
    }),
  }),

  'R-NTF-004': define({
    rule: 'R-NTF-004',
    trigger: 'T05 initial review passed for a type with a photo step: 备案幕布拍照通知 to account + subject principal',
    payload: CurtainNoticePayload,
    email: (p, lang, env) => {
      const points = p.photoPoints.map((pt) =>
        [
          `${pt.name}（${pt.kind === 'AGENT' ? tr(lang, '代理商拍照点', 'agent photo point') : tr(lang, '拍照核验点', 'photo verification point')}）`,
          `${pt.province}${pt.city} ${pt.address}`,
          `${tr(lang, '电话', 'Phone')} ${pt.phone}`,
          ...(pt.hours ? [pt.hours] : []),
        ].join(' · '),
      );
      return {
        subject: tr(
          lang,
          `【备案幕布拍照通知】订单 ${p.orderNo} 已通过初审，请办理幕布拍照`,
          `[Curtain photo notice] Order ${p.orderNo} passed initial review: please have the curtain photo taken`,
        ),
        greeting: greeting(lang),
        blocks: [
          {
            kind: 'p',
            text: tr(
              lang,
              `您的${typeName(p.orderType, lang)}订单（订单号 ${p.orderNo}，域名 ${p.domains.join('、')}）已通过${env.providerName}初审，进入办理拍照流程。请通过以下任一方式提供网站负责人的幕布照片：`,
              `Your ${typeName(p.orderType, lang)} order (no. ${p.orderNo}, domains ${p.domains.join(', ')}) passed ${env.providerName}'s initial review and is now at the photo step. Provide the curtain photo of each website principal in one of these ways:`,
            ),
          },
          {
            kind: 'items',
            items: [
              {
                title: tr(
                  lang,
                  '方法一：前往备案线下渠道代理商免费办理幕布拍照',
                  'Method 1: an agent photo point (free)',
                ),
                lines: [
                  tr(
                    lang,
                    '携带身份证原件和本《备案幕布拍照通知》前往代理商拍照点，拍照当天照片即上传至订单（可由您在控制台上传，或由拍照点工作人员凭订单号或备案域名上传）。',
                    'Bring your ID original and this curtain photo notice. The photo is in the order the same day (you upload it in the console, or the staff upload it with the order number or domain).',
                  ),
                ],
              },
              {
                title: tr(
                  lang,
                  '方法二：申请邮寄幕布，您自行拍照后上传',
                  'Method 2: request a mailed curtain and upload the photo yourself',
                ),
                lines: [
                  tr(
                    lang,
                    '在控制台的幕布申请入口填写中国大陆收件地址。',
                    'Enter a mainland-China address at the curtain request entry in the console.',
                  ),
                ],
              },
              {
                title: tr(
                  lang,
                  '方法三：前往指定拍照核验点免费办理拍照',
                  'Method 3: a photo verification point (free)',
                ),
                lines: [
                  tr(
                    lang,
                    `携带身份证原件和订单号 ${p.orderNo}。拍照核验点在 1 个工作日内将照片提交至${env.providerName}，${env.providerName}在 1 个工作日内上传到备案系统。`,
                    `Bring your ID original and the order number ${p.orderNo}. The point sends the photo to ${env.providerName} within 1 working day, and ${env.providerName} uploads it into the order within 1 more working day.`,
                  ),
                ],
              },
            ],
          },
          points.length
            ? { kind: 'list', items: points }
            : {
                kind: 'note',
                text: tr(
                  lang,
                  '拍照点地址请在备案控制台查看或致电客服热线。',
                  'See the console or call the hotline for photo point addresses.',
                ),
              },
          {
            kind: 'link',
            label: tr(lang, '申请幕布 / 上传幕布照片', 'Request a curtain / upload the curtain photo'),
            url: `${orderUrl(env, p.orderId)}#curtain`,
          },
          {
            kind: 'note',
            text: tr(
              lang,
              '请在照片上传完成后单击【提交照片】。订单在本步骤停留不得超过 45 天。',
              "Click 'Submit photos' once the photos are in. An order may not stay more than 45 days in this step.",
            ),
          },
        ],
        footer: providerFooter(lang, env),
      };
    },
  }),

  'R-NTF-005': define({
    rule: 'R-NTF-005',
    trigger:
      '(bureau simulator) every bureau decision: SMS and email to the subject principal, before the provider sync',
    payload: BureauDecisionPayload,
    email: (p, lang) => ({
      subject: tr(
        lang,
        `【工信部备案】您的备案申请${decisionZh(p.decision)}`,
        `[MIIT filing] Your filing application was ${decisionEn(p.decision)}`,
      ),
      greeting: greeting(lang),
      blocks: [
        {
          kind: 'p',
          text: tr(
            lang,
            `您提交的备案申请${p.orderNo ? `（订单号 ${p.orderNo}）` : ''}${decisionZh(p.decision)}。${p.filingNumber ? `备案号：${p.filingNumber}。` : ''}`,
            `Your filing application${p.orderNo ? ` (order ${p.orderNo})` : ''} was ${decisionEn(p.decision)}.${p.filingNumber ? ` Filing number: ${p.filingNumber}.` : ''}`,
          ),
        },
        ...(p.reasons?.length ? [{ kind: 'list' as const, items: p.reasons }] : []),
        {
          kind: 'note',
          text: tr(
            lang,
            '接入服务商同步管局数据后，备案控制台会更新进度，并另行通知您。',
            'Your access provider will update its console and notify you once it has synced this result.',
          ),
        },
      ],
      footer: bureauFooter(lang),
    }),
    sms: (p, lang) =>
      tr(
        lang,
        `【工信部备案】您的备案申请${p.orderNo ? `（订单号${p.orderNo}）` : ''}${decisionZh(p.decision)}${p.filingNumber ? `，备案号${p.filingNumber}` : ''}。接入商同步后控制台将更新。`,
        `[MIIT filing] Your filing${p.orderNo ? ` (order ${p.orderNo})` : ''} was ${decisionEn(p.decision)}${p.filingNumber ? `, number ${p.filingNumber}` : ''}. Your provider's console updates after its sync.`,
      ),
  }),

  'R-NTF-006': define({
    rule: 'R-NTF-006',
    trigger:
      "(bureau simulator) a subject's first successful filing: the filing password by SMS and email to the subject principal",
    payload: PasswordPayload,
    secret: true,
    email: (p, lang) => ({
      subject: tr(lang, '【工信部备案】备案密码通知', '[MIIT filing] Your filing password'),
      greeting: greeting(lang),
      blocks: [
        {
          kind: 'p',
          text: tr(
            lang,
            `您的主体首次备案成功（主体备案号 ${p.subjectFilingNumber}）。备案密码为：${p.password}`,
            `Your subject's first filing succeeded (subject filing number ${p.subjectFilingNumber}). Your filing password is: ${p.password}`,
          ),
        },
        {
          kind: 'note',
          text: tr(
            lang,
            '每个主体对应一个备案密码，请妥善保管，切勿告知他人。',
            'Each subject has one filing password. Keep it safe and share it with no one.',
          ),
        },
      ],
      footer: bureauFooter(lang),
    }),
    sms: (p, lang) =>
      tr(
        lang,
        `【工信部备案】主体备案号${p.subjectFilingNumber}的备案密码为${p.password}，请妥善保管。`,
        `[MIIT filing] The filing password of ${p.subjectFilingNumber} is ${p.password}. Keep it safe.`,
      ),
  }),

  'R-NTF-007': define({
    rule: 'R-NTF-007',
    trigger: '(bureau simulator) a successful online password retrieval: SMS and email to the subject principal',
    payload: PasswordPayload,
    secret: true,
    email: (p, lang) => ({
      subject: tr(lang, '【工信部备案】找回备案密码', '[MIIT filing] Filing password retrieval'),
      greeting: greeting(lang),
      blocks: [
        {
          kind: 'p',
          text: tr(
            lang,
            `您为主体备案号 ${p.subjectFilingNumber} 申请找回备案密码。备案密码为：${p.password}`,
            `You asked to retrieve the filing password of ${p.subjectFilingNumber}. The password is: ${p.password}`,
          ),
        },
        {
          kind: 'note',
          text: tr(lang, '如非本人操作，请联系当地通信管理局。', 'If this was not you, contact your province bureau.'),
        },
      ],
      footer: bureauFooter(lang),
    }),
    sms: (p, lang) =>
      tr(
        lang,
        `【工信部备案】您申请找回的备案密码（${p.subjectFilingNumber}）为${p.password}，请妥善保管。`,
        `[MIIT filing] The retrieved filing password of ${p.subjectFilingNumber} is ${p.password}. Keep it safe.`,
      ),
  }),

  'R-NTF-008': define({
    rule: 'R-NTF-008',
    trigger:
      'a missed confirmation call that another attempt will follow (review module): SMS to the subject principal',
    payload: MissedCallPayload,
    sms: (p, lang, env) =>
      tr(
        lang,
        `【${env.providerName}】您的备案订单${p.orderNo}的审核确认电话未能接通，我们还会再适时拨打一次，请留意电话信息。如有疑问请致电${p.hotline ?? env.hotline}。`,
        `[${env.providerName}] We could not reach you for the confirmation call of filing order ${p.orderNo}. We will call once more; please watch for the call. Questions: ${p.hotline ?? env.hotline}.`,
      ),
  }),

  'R-NTF-009': define({
    rule: 'R-NTF-009',
    trigger: 'principal mobile verification (R-SUB-017): SMS code to the entered mobile',
    payload: CodePayload,
    secret: true,
    sms: (p, lang, env) =>
      tr(
        lang,
        `【${env.providerName}】您正在填写备案负责人信息，验证码${p.code}，${p.ttlMinutes}分钟内有效，请勿泄露给他人。`,
        `[${env.providerName}] Your filing principal verification code is ${p.code}, valid for ${p.ttlMinutes} minutes. Do not share it.`,
      ),
  }),

  'R-NTF-010': define({
    rule: 'R-NTF-010',
    trigger:
      'the access server of a non-terminal order is 7 days from expiry (daily sweep) and when it expires (T23): account + subject principal',
    payload: ServerExpiryPayload,
    email: (p, lang, env) => ({
      subject:
        p.stage === 'warning'
          ? tr(
              lang,
              `【续费提醒】订单 ${p.orderNo} 的接入服务器将于 ${p.expiresOn} 到期`,
              `[Renewal reminder] The access server of order ${p.orderNo} expires on ${p.expiresOn}`,
            )
          : tr(
              lang,
              `【续费提醒】订单 ${p.orderNo} 的接入服务器已到期`,
              `[Renewal reminder] The access server of order ${p.orderNo} has expired`,
            ),
      greeting: greeting(lang),
      blocks: [
        {
          kind: 'p',
          text:
            p.stage === 'warning'
              ? tr(
                  lang,
                  `您的备案订单（订单号 ${p.orderNo}）使用的接入服务器${p.serverName ? `「${p.serverName}」` : ''}将于 ${p.expiresOn} 到期。`,
                  `The access server${p.serverName ? ` "${p.serverName}"` : ''} of your filing order (no. ${p.orderNo}) expires on ${p.expiresOn}.`,
                )
              : tr(
                  lang,
                  `您的备案订单（订单号 ${p.orderNo}）使用的接入服务器${p.serverName ? `「${p.serverName}」` : ''}已于 ${p.expiresOn} 到期，订单已标记为“服务器已到期”，续费前无法通过审核。`,
                  `The access server${p.serverName ? ` "${p.serverName}"` : ''} of your filing order (no. ${p.orderNo}) expired on ${p.expiresOn}. The order is flagged SERVER_EXPIRED and cannot pass review until the server is renewed.`,
                ),
        },
        {
          kind: 'p',
          text: tr(
            lang,
            '备案审批中服务器到期会影响备案审批，建议及时续费服务器，以免管局审核时查询到无效服务器而驳回（接入服务器无效）。',
            'An expired server affects the approval: renew it so the bureau does not find an invalid server and reject the filing (SERVER_INVALID).',
          ),
        },
        consoleLink(lang, env, p.orderId),
      ],
      footer: providerFooter(lang, env),
    }),
  }),

  'R-NTF-011': define({
    rule: 'R-NTF-011',
    trigger:
      'STEP_EXPIRY_WARNING timer: 7 days before an order would expire under R-ORD-026: account + subject principal',
    payload: StepExpiryPayload,
    email: (p, lang, env) => {
      const step = stateLabel(p.state as OrderState, p.orderType)[lang];
      return {
        subject: tr(
          lang,
          `【订单即将失效】订单 ${p.orderNo} 将于 ${at(p.expiresAt).slice(0, 10)} 失效`,
          `[Order about to expire] Order ${p.orderNo} expires on ${at(p.expiresAt).slice(0, 10)}`,
        ),
        greeting: greeting(lang),
        blocks: [
          {
            kind: 'p',
            text: tr(
              lang,
              `您的${typeName(p.orderType, lang)}订单（订单号 ${p.orderNo}）在“${step}”步骤已停留较长时间。单个步骤停留不得超过 45 天，订单将于 ${at(p.expiresAt)}（北京时间）失效。`,
              `Your ${typeName(p.orderType, lang)} order (no. ${p.orderNo}) has been in the step "${step}" for a while. An order may not stay more than 45 days in one step; it expires at ${at(p.expiresAt)} (Beijing time).`,
            ),
          },
          {
            kind: 'p',
            text: tr(
              lang,
              '请在此之前完成本步骤的操作；订单失效后需重新提交备案。',
              'Complete this step before then; an expired order must be filed again.',
            ),
          },
          consoleLink(lang, env, p.orderId),
        ],
        footer: providerFooter(lang, env),
      };
    },
  }),

  'R-NTF-012': define({
    rule: 'R-NTF-012',
    trigger: 'T18 bureau approval synced (not a cancellation; also R-NTF-020): account + subject principal',
    payload: ApprovalPayload,
    email: (p, lang, env) => {
      const numbered = p.websites.filter((w) => w.filingNumber);
      const blocks: Block[] = [
        {
          kind: 'p',
          text: tr(
            lang,
            `恭喜！您的${typeName(p.orderType, lang)}订单（订单号 ${p.orderNo}）已通过管局审核，审核结果已同步至备案控制台。`,
            `Congratulations! Your ${typeName(p.orderType, lang)} order (no. ${p.orderNo}) was approved by the bureau; the result is now in the filing console.`,
          ),
        },
        {
          kind: 'list',
          items: [
            ...(p.subjectFilingNumber
              ? [
                  tr(
                    lang,
                    `主体备案号：${p.subjectFilingNumber}（${p.subjectName}）`,
                    `Subject filing number: ${p.subjectFilingNumber} (${p.subjectName})`,
                  ),
                ]
              : []),
            ...p.websites.map((w) =>
              tr(
                lang,
                `${w.name ? `网站「${w.name}」` : '网站'}（${w.domains.join('、')}）：${w.filingNumber ?? '备案号请在控制台查看'}`,
                `${w.name ? `Website "${w.name}"` : 'Website'} (${w.domains.join(', ')}): ${w.filingNumber ?? 'see the console for the number'}`,
              ),
            ),
          ],
        },
      ];
      if (p.orderType !== 'CHANGE_ACCESS') {
        blocks.push({
          kind: 'p',
          text: tr(
            lang,
            '请在网站首页底部中间位置悬挂备案号，备案号前标明主体名称，并将备案号超链接到工信部网站。可直接复制以下代码：',
            "Show the filing number at the bottom centre of the website's home page, preceded by the subject name and linked to the MIIT site. Copy-ready code:",
          ),
        });
        for (const w of numbered)
          blocks.push({
            kind: 'code',
            label: w.domains.join(', '),
            text: filingNumberSnippet(p.subjectName, w.filingNumber ?? '', p.miitUrl),
          });
      }
      if (p.psbDueDate)
        blocks.push(
          {
            kind: 'p',
            text: tr(
              lang,
              `公安备案：开办网站必须到当地公安机关网安部门办理备案手续。请在网站开通之日起 30 日内（${p.psbDueDate} 前）登录全国公安机关互联网站安全管理服务平台提交公安备案申请；如不履行，公安机关会给予警告或者停机整顿不超过六个月的处罚。`,
              `Public-security filing: a website must also be filed with the local public-security bureau within 30 days of opening (by ${p.psbDueDate}) on the national public-security website-management platform. Failing to do so can be punished by a warning or by suspension of up to 6 months.`,
            ),
          },
          {
            kind: 'link',
            label: tr(
              lang,
              '全国公安机关互联网站安全管理服务平台',
              'National public-security website-management platform',
            ),
            url: PSB_PLATFORM_URL,
          },
        );
      if (p.orderType === 'ACCESS')
        blocks.push({
          kind: 'p',
          text: tr(
            lang,
            '网站已在本服务商正式接入，访问不再受临时接入期限限制。',
            'The website is now permanently accessed here; temporary access has ended.',
          ),
        });
      blocks.push(consoleLink(lang, env, p.orderId));
      return {
        subject: tr(
          lang,
          `【备案成功】订单 ${p.orderNo} 已通过管局审核${numbered.length ? `，备案号 ${numbered.map((w) => w.filingNumber).join('、')}` : ''}`,
          `[Filing approved] Order ${p.orderNo} was approved${numbered.length ? `: ${numbered.map((w) => w.filingNumber).join(', ')}` : ''}`,
        ),
        greeting: greeting(lang),
        blocks,
        footer: providerFooter(lang, env),
      };
    },
  }),

  'R-NTF-013': define({
    rule: 'R-NTF-013',
    trigger: 'CANCEL_ACCESS approved and synced (customer- or provider-initiated): account + subject principal',
    payload: CancelAccessPayload,
    email: (p, lang, env) => ({
      subject: tr(lang, `【取消接入成功】订单 ${p.orderNo}`, `[Access cancelled] Order ${p.orderNo}`),
      greeting: greeting(lang),
      blocks: [
        {
          kind: 'p',
          text: tr(
            lang,
            `您的取消接入订单（订单号 ${p.orderNo}）已完成，以下网站已无法通过${env.providerName}的服务器访问：`,
            `Your cancel-access order (no. ${p.orderNo}) is complete. These websites are now blocked on ${env.providerName}'s servers:`,
          ),
        },
        {
          kind: 'list',
          items: p.websites.map(
            (w) => `${w.domains.join(tr(lang, '、', ', '))}${w.filingNumber ? `（${w.filingNumber}）` : ''}`,
          ),
        },
        {
          kind: 'p',
          text: tr(
            lang,
            '该网站的工信部备案号仍然存在，请尽快联系正在使用的空间提供商，提交备案接入申请，以免影响您网站的正常使用；长期无接入的网站会被管局作为空壳网站注销。',
            'The MIIT filing number of these websites still exists. Contact the hosting provider you now use and file an access application there soon, so the site keeps working; a filing with no access provider is cancelled by the bureau as a shell.',
          ),
        },
        consoleLink(lang, env, p.orderId),
      ],
      footer: providerFooter(lang, env),
    }),
  }),

  'R-NTF-014': define({
    rule: 'R-NTF-014',
    trigger: 'a bureau-initiated cancellation synced (bureau module): account + subject principal',
    payload: BureauCancellationPayload,
    email: (p, lang, env) => ({
      subject: tr(lang, `【备案号已注销】${p.filingNumber}`, `[Filing number cancelled] ${p.filingNumber}`),
      greeting: greeting(lang),
      blocks: [
        {
          kind: 'p',
          text: tr(
            lang,
            `管局已注销备案号 ${p.filingNumber}${p.reasonCode ? `（注销原因代码：${p.reasonCode}${reasonLabel(p.reasonCode, 'zh')}）` : ''}。以下域名已无法通过${env.providerName}的服务器访问：${p.domains.join('、')}。`,
            `The bureau cancelled filing number ${p.filingNumber}${p.reasonCode ? ` (reason code ${p.reasonCode}${reasonLabel(p.reasonCode, 'en')})` : ''}. These domains are now blocked on ${env.providerName}'s servers: ${p.domains.join(', ')}.`,
          ),
        },
        {
          kind: 'p',
          text: tr(
            lang,
            `具体备案号注销原因，还需要您联系备案所在地通信管理局${p.province ? `（${p.province}）` : ''}进行查询。如需继续开办网站，请重新提交备案。`,
            `For the exact reason, contact the communications administration of the filing province${p.province ? ` (${p.province})` : ''}. To keep running the site, file again.`,
          ),
        },
      ],
      footer: providerFooter(lang, env),
    }),
  }),

  'R-NTF-015': define({
    rule: 'R-NTF-015',
    trigger: 'the registrar adapter reports a filed domain expired: account + subject principal',
    payload: DomainExpiredPayload,
    email: (p, lang, env) => ({
      subject: tr(
        lang,
        `【域名到期提醒】已备案域名 ${p.domain} 已过期`,
        `[Domain expired] The filed domain ${p.domain} has expired`,
      ),
      greeting: greeting(lang),
      blocks: [
        {
          kind: 'p',
          text: tr(
            lang,
            `您已备案的域名 ${p.domain}${p.filingNumber ? `（${p.filingNumber}）` : ''} 已过期。`,
            `Your filed domain ${p.domain}${p.filingNumber ? ` (${p.filingNumber})` : ''} has expired.`,
          ),
        },
        {
          kind: 'p',
          text: tr(
            lang,
            '建议域名过期后，及时提交注销备案申请（注销网站），避免原来的备案信息被其他人违规使用。备案信息不会因域名过期而自动注销。',
            "We recommend cancelling this website's filing promptly so that your filing data cannot be misused by whoever registers the domain next. The filing is not cancelled automatically when the domain expires.",
          ),
        },
      ],
      footer: providerFooter(lang, env),
    }),
  }),

  'R-NTF-016': define({
    rule: 'R-NTF-016',
    trigger: 'a curtain is dispatched (materials module): account email',
    payload: CurtainDispatchedPayload,
    email: (p, lang, env) => ({
      subject: tr(
        lang,
        `【幕布已寄出】订单 ${p.orderNo}：${p.courier} ${p.trackingNumber}`,
        `[Curtain dispatched] Order ${p.orderNo}: ${p.courier} ${p.trackingNumber}`,
      ),
      greeting: greeting(lang),
      blocks: [
        {
          kind: 'p',
          text: tr(
            lang,
            `您为订单 ${p.orderNo} 申请的幕布${p.dispatchedOn ? `已于 ${p.dispatchedOn} ` : '已'}寄出。快递公司：${p.courier}，运单号：${p.trackingNumber}。`,
            `The curtain you requested for order ${p.orderNo} was dispatched${p.dispatchedOn ? ` on ${p.dispatchedOn}` : ''}. Courier: ${p.courier}, tracking number: ${p.trackingNumber}.`,
          ),
        },
        {
          kind: 'p',
          text: tr(
            lang,
            `幕布已经邮寄，如地址信息有误，需要您自己联系${p.courier}修改地址。`,
            `The curtain is on its way: to correct the address, contact ${p.courier} yourself.`,
          ),
        },
        consoleLink(lang, env, p.orderId),
      ],
      footer: providerFooter(lang, env),
    }),
  }),

  'R-NTF-017': define({
    rule: 'R-NTF-017',
    trigger: 'photo-point staff or the provider upload a curtain photo into an order: account email',
    payload: PhotoUploadedPayload,
    email: (p, lang, env) => ({
      subject: tr(lang, `【幕布照片已上传】订单 ${p.orderNo}`, `[Curtain photo uploaded] Order ${p.orderNo}`),
      greeting: greeting(lang),
      blocks: [
        {
          kind: 'p',
          text: tr(
            lang,
            `${p.uploadedBy === 'photo_point' ? '拍照点工作人员' : env.providerName}已于 ${at(p.at)}（北京时间）将幕布照片上传至您的订单（订单号 ${p.orderNo}）。`,
            `${p.uploadedBy === 'photo_point' ? 'Photo-point staff' : env.providerName} uploaded the curtain photo into your order (no. ${p.orderNo}) at ${at(p.at)} (Beijing time).`,
          ),
        },
        {
          kind: 'p',
          text: tr(
            lang,
            '请登录控制台确认照片；照片齐全后订单进入复审。',
            'Check the photo in the console; once all photos are in, the order goes to re-review.',
          ),
        },
        consoleLink(lang, env, p.orderId),
      ],
      footer: providerFooter(lang, env),
    }),
  }),

  'R-NTF-018': define({
    rule: 'R-NTF-018',
    trigger: 'a filing transfer (R-ACC-005) completes: both accounts',
    payload: TransferPayload,
    email: (p, lang, env) => ({
      subject:
        p.role === 'from'
          ? tr(
              lang,
              `【备案转移完成】主体「${p.subjectName}」已转出`,
              `[Filing transfer] "${p.subjectName}" moved to another account`,
            )
          : tr(
              lang,
              `【备案转移完成】主体「${p.subjectName}」已转入您的账号`,
              `[Filing transfer] "${p.subjectName}" moved into your account`,
            ),
      greeting: greeting(lang),
      blocks: [
        {
          kind: 'p',
          text:
            p.role === 'from'
              ? tr(
                  lang,
                  `备案主体「${p.subjectName}」及其网站、订单记录和接入记录已转移至账号 ${p.otherAccount}。您的账号下已无该主体。`,
                  `The subject "${p.subjectName}" with its websites, order history and access records was moved to account ${p.otherAccount}. Your account no longer holds it.`,
                )
              : tr(
                  lang,
                  `备案主体「${p.subjectName}」及其网站、订单记录和接入记录已从账号 ${p.otherAccount} 转入您的账号，您现在可以为该主体办理备案。`,
                  `The subject "${p.subjectName}" with its websites, order history and access records was moved into your account from account ${p.otherAccount}. You can now file for it.`,
                ),
        },
      ],
      footer: providerFooter(lang, env),
    }),
  }),

  'R-NTF-019': define({
    rule: 'R-NTF-019',
    trigger: "a website's 文网文 is 60 working days from expiry, and on the expiry date (R-EXT-011): account email",
    payload: CultureLicencePayload,
    email: (p, lang, env) => ({
      subject:
        p.stage === 'renewal'
          ? tr(
              lang,
              `【文网文续期提醒】许可证 ${p.licenceNumber} 将于 ${p.expiresOn} 到期`,
              `[Culture licence renewal] Licence ${p.licenceNumber} expires on ${p.expiresOn}`,
            )
          : tr(
              lang,
              `【文网文已过期】许可证 ${p.licenceNumber}`,
              `[Culture licence expired] Licence ${p.licenceNumber}`,
            ),
      greeting: greeting(lang),
      blocks: [
        {
          kind: 'p',
          text:
            p.stage === 'renewal'
              ? tr(
                  lang,
                  `${p.websiteName ? `网站「${p.websiteName}」${p.domain ? `（${p.domain}）` : ''}的` : ''}《网络文化经营许可证》（${p.licenceNumber}）将于 ${p.expiresOn} 到期。有效期届满需要继续经营的，应当在许可证期满前 60 个工作日内办理续延手续，建议您过期前做好续期。`,
                  `The online culture business licence ${p.licenceNumber}${p.websiteName ? ` of website "${p.websiteName}"` : ''}${p.domain ? ` (${p.domain})` : ''} expires on ${p.expiresOn}. To keep operating, apply for renewal within the 60 working days before it expires.`,
                )
              : tr(
                  lang,
                  `${p.websiteName ? `网站「${p.websiteName}」${p.domain ? `（${p.domain}）` : ''}的` : ''}《网络文化经营许可证》（${p.licenceNumber}）已于 ${p.expiresOn} 过期，过期后就不再有效，和未申请是一样的。请提交变更网站申请，上传续期后的许可证；在此之前，该主体无法新增网站。`,
                  `The online culture business licence ${p.licenceNumber}${p.websiteName ? ` of website "${p.websiteName}"` : ''} expired on ${p.expiresOn} and is no longer valid. File a website change that uploads the renewed licence; until then the subject cannot add websites.`,
                ),
        },
      ],
      footer: providerFooter(lang, env),
    }),
  }),

  'R-NTF-020': define({
    rule: 'R-NTF-020',
    trigger:
      'T18 for CANCEL_SUBJECT / CANCEL_WEBSITE (a synced bureau decision no other template reports): account + subject principal',
    payload: SyncedPayload,
    email: (p, lang, env) => {
      const state = stateLabel(p.state as OrderState, p.orderType)[lang];
      return {
        subject: tr(
          lang,
          `【备案进度同步】订单 ${p.orderNo}：${state}`,
          `[Filing update] Order ${p.orderNo}: ${state}`,
        ),
        greeting: greeting(lang),
        blocks: [
          {
            kind: 'p',
            text: tr(
              lang,
              `管局审核结果已同步：您的${typeName(p.orderType, lang)}订单（订单号 ${p.orderNo}）状态为“${state}”。`,
              `The bureau's decision has been synced: your ${typeName(p.orderType, lang)} order (no. ${p.orderNo}) is now "${state}".`,
            ),
          },
          ...(p.domains.length
            ? [
                {
                  kind: 'p' as const,
                  text: tr(
                    lang,
                    `以下域名已停止在${env.providerName}的服务器上访问：${p.domains.join('、')}。`,
                    `These domains are no longer served from ${env.providerName}'s servers: ${p.domains.join(', ')}.`,
                  ),
                },
              ]
            : []),
          consoleLink(lang, env, p.orderId),
        ],
        footer: providerFooter(lang, env),
      };
    },
  }),

  'R-EXT-001': define({
    rule: 'R-EXT-001',
    trigger:
      'NTF_PSB_FILING_REMINDER timer, 7 days before the public-security filing is due (approval + 30 days): account email',
    payload: PsbReminderPayload,
    email: (p, lang, env) => ({
      subject: tr(
        lang,
        `【公安备案提醒】请在 ${p.dueDate} 前完成公安备案`,
        `[Public-security filing] Due by ${p.dueDate}`,
      ),
      greeting: greeting(lang),
      blocks: [
        {
          kind: 'p',
          text: tr(
            lang,
            `网站 ${p.domains.join('、')} 已在工信部备案成功并开通。开办网站必须到当地公安机关网安部门办理备案手续，并且在自网络正式联通后的三十日内（${p.dueDate} 前）办理；如果不履行，公安机关会给予警告或者停机整顿不超过六个月的处罚。`,
            `The website ${p.domains.join(', ')} is filed with MIIT and open. It must also be filed with the local public-security bureau within 30 days of opening (by ${p.dueDate}); failing to do so can be punished by a warning or by suspension of up to 6 months.`,
          ),
        },
        {
          kind: 'link',
          label: tr(
            lang,
            '全国公安机关互联网站安全管理服务平台',
            'National public-security website-management platform',
          ),
          url: PSB_PLATFORM_URL,
        },
        {
          kind: 'note',
          text: tr(
            lang,
            `${env.providerName}不代办公安备案；如已完成，请在控制台记录公安备案号，并在审核通过后 30 日内于网站悬挂公安备案号和图标。`,
            `${env.providerName} does not file with the public-security bureau for you. If you already did, record the number in the console and display it with its icon within 30 days of approval.`,
          ),
        },
      ],
      footer: providerFooter(lang, env),
    }),
  }),
} as const;

export type TemplateId = keyof typeof TEMPLATES;
export type PayloadOf<K extends TemplateId> = Static<(typeof TEMPLATES)[K]['payload']>;
export const TEMPLATE_IDS = Object.keys(TEMPLATES) as TemplateId[];

export function isTemplateId(id: string): id is TemplateId {
  return Object.hasOwn(TEMPLATES, id);
}

/** The channels a template can be sent on. */
export function channelsOf(id: TemplateId): Channel[] {
  const t: TemplateDef<TSchema> = TEMPLATES[id];
  return [...(t.email ? (['email'] as const) : []), ...(t.sms ? (['sms'] as const) : [])];
}

export function isSecretTemplate(id: string): boolean {
  return isTemplateId(id) && (TEMPLATES[id] as TemplateDef<TSchema>).secret === true;
}

export type Rendered = ({ channel: 'email' } & RenderedMail) | { channel: 'sms'; text: string };

export class RenderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RenderError';
  }
}

/** Renders an outbox row: unknown template, channel or a payload that fails its schema is a RenderError. Pure. */
export function renderStored(
  template: string,
  channel: Channel,
  lang: string,
  payload: unknown,
  env: TemplateEnv,
): Rendered {
  if (!isTemplateId(template)) throw new RenderError(`unknown template ${template}`);
  const def = TEMPLATES[template] as TemplateDef<TSchema>;
  if (!Value.Check(def.payload, payload)) {
    const first = [...Value.Errors(def.payload, payload)][0];
    throw new RenderError(
      `payload of ${template} does not match its schema${first ? `: ${first.instancePath} ${first.message}` : ''}`,
    );
  }
  const l: Lang = lang === 'en' ? 'en' : 'zh';
  if (channel === 'email') {
    if (!def.email) throw new RenderError(`${template} has no email form`);
    return { channel, ...renderMail(def.email(payload, l, env)) };
  }
  if (!def.sms) throw new RenderError(`${template} has no SMS form`);
  return { channel, text: def.sms(payload, l, env).replace(/[\r\n]+/g, ' ') };
}

/** Typed rendering for callers and tests that hold a payload of the right type. */
export function render<K extends TemplateId>(
  id: K,
  channel: Channel,
  lang: Lang,
  payload: PayloadOf<K>,
  env: TemplateEnv,
): Rendered {
  return renderStored(id, channel, lang, payload, env);
}

function decisionZh(d: 'APPROVED' | 'REJECTED' | 'CANCELLED'): string {
  return d === 'APPROVED' ? '已通过管局审核' : d === 'REJECTED' ? '未通过管局审核' : '已注销';
}
function decisionEn(d: 'APPROVED' | 'REJECTED' | 'CANCELLED'): string {
  return d === 'APPROVED' ? 'approved by the bureau' : d === 'REJECTED' ? 'rejected by the bureau' : 'cancelled';
}

/** Beijing date of an instant, for payloads that carry dates. */
export const civilDateOf = (ms: number): string => beijingDate(new Date(ms));
