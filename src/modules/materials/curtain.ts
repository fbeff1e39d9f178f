import type { LocalizedText } from '../../platform/i18n.ts';
import {
  addCalendarDays,
  beijingDateTime,
  beijingInstant,
  type CivilDate,
  startOfBeijingDay,
} from '../calendar/civil-date.ts';
import { PROVINCE_NAMES, type ProvinceName } from '../rules/provinces/types.ts';
import type { Violation } from '../rules/violation.ts';

/**
 * The curtain (幕布) flow of R-MAT-017..030 as pure functions: when a requested curtain is dispatched, where it may
 * go, what it costs, whether its address may still change, and how long a photo point may take. The lead's service
 * loads the facts (order state, earlier requests, the province rule set, the calendar) and persists the outcome.
 */

/** What these functions need from the calendar; `WorkCalendar` from src/modules/calendar satisfies it. */
export interface WorkingDays {
  isWorkingDay(date: CivilDate): boolean;
}

export interface CurtainConfig {
  /** R-MAT-028: requests before this Beijing time on a working day go out the same day; at or after it, not. */
  cutoff: { hour: number; minute: number };
  /** R-MAT-028: delivery estimate in calendar days after dispatch (「1 ~ 3 天」, remote 「3 ~ 5 天」). */
  deliveryDays: { normal: readonly [number, number]; remote: readonly [number, number] };
  /** Provinces the courier treats as remote. Provider configuration; the FAQ names none. */
  remoteProvinces: readonly ProvinceName[];
  /** R-MAT-025: postage the customer pays for a lost-curtain replacement, in fen, shown on the request form. */
  lostReplacementPostageFen: number;
  /** R-MAT-029 / R-NTF-016: the courier named with the tracking number. The FAQ's provider uses SF Express. */
  courier: LocalizedText;
}

/**
 * Defaults mirror the FAQ. The remote list and the postage amount are (interp.): the FAQ says "偏远地区" and "客户自己
 * 承担邮费" without naming places or a price, so operators must set them; these are typical courier surcharge areas
 * and a typical SF Express standard fee.
 */
export const defaultCurtainConfig: CurtainConfig = {
  cutoff: { hour: 16, minute: 0 },
  deliveryDays: { normal: [1, 3], remote: [3, 5] },
  remoteProvinces: ['新疆', '西藏', '青海'],
  lostReplacementPostageFen: 2300,
  courier: { zh: '顺丰速运', en: 'SF Express' },
};

/** Beyond a year without a working day the calendar is broken; fail loudly instead of looping. */
const MAX_SCAN_DAYS = 366;

function nextWorkingDayAfter(date: CivilDate, calendar: WorkingDays): CivilDate {
  let d = date;
  for (let i = 0; i < MAX_SCAN_DAYS; i++) {
    d = addCalendarDays(d, 1);
    if (calendar.isWorkingDay(d)) return d;
  }
  throw new RangeError(`no working day within ${MAX_SCAN_DAYS} days after ${date}`);
}

/** The n-th working day strictly after `date` (§0.2: day 1 is the next working day). */
function nthWorkingDayAfter(date: CivilDate, n: number, calendar: WorkingDays): CivilDate {
  let d = date;
  for (let i = 0; i < n; i++) d = nextWorkingDayAfter(d, calendar);
  return d;
}

// ---------------------------------------------------------------------------------------------------------------
// R-MAT-028 dispatch and delivery estimate

export interface CurtainDispatch {
  /** Beijing civil date the curtain leaves. */
  dispatchDate: CivilDate;
  /** The courier pick-up at the cut-off time on that date (「下周一四点邮寄」). */
  dispatchAt: Date;
  /** True when dispatched on the day of the request. */
  sameDay: boolean;
}

/**
 * R-MAT-028: a request on a working day before 16:00 (Beijing) goes out that day; at 16:00 or later (exactly 16:00
 * counts as after), or on a weekend or holiday, it goes out on the next working day — so Friday after 16:00 goes out
 * on Monday, and a request on the eve of the National Day break goes out after the break.
 */
export function curtainDispatch(
  requestedAt: Date,
  calendar: WorkingDays,
  config: Pick<CurtainConfig, 'cutoff'> = defaultCurtainConfig,
): CurtainDispatch {
  const now = beijingDateTime(requestedAt);
  const cutoffMinute = config.cutoff.hour * 60 + config.cutoff.minute;
  const sameDay = calendar.isWorkingDay(now.date) && now.minuteOfDay < cutoffMinute;
  const dispatchDate = sameDay ? now.date : nextWorkingDayAfter(now.date, calendar);
  return {
    dispatchDate,
    dispatchAt: beijingInstant(dispatchDate, config.cutoff.hour, config.cutoff.minute),
    sameDay,
  };
}

export interface DeliveryEstimate {
  earliest: CivilDate;
  latest: CivilDate;
  remote: boolean;
  message: LocalizedText;
}

/** R-MAT-028: shown in the console: dispatch + 1–3 days, or + 3–5 days for remote provinces (calendar days). */
export function curtainDeliveryEstimate(
  dispatchDate: CivilDate,
  destination: ProvinceName,
  config: Pick<CurtainConfig, 'deliveryDays' | 'remoteProvinces'> = defaultCurtainConfig,
): DeliveryEstimate {
  const remote = config.remoteProvinces.includes(destination);
  const [from, to] = remote ? config.deliveryDays.remote : config.deliveryDays.normal;
  const earliest = addCalendarDays(dispatchDate, from);
  const latest = addCalendarDays(dispatchDate, to);
  return {
    earliest,
    latest,
    remote,
    message: {
      zh: `幕布预计 ${dispatchDate} 寄出，${from}~${to} 天送达（${earliest} 至 ${latest}）${remote ? '，偏远地区时间较长' : ''}。`,
      en: `The curtain is expected to ship on ${dispatchDate} and arrive in ${from}–${to} days (${earliest} to ${latest})${remote ? '; remote areas take longer' : ''}.`,
    },
  };
}

// ---------------------------------------------------------------------------------------------------------------
// R-MAT-027 mailing address

export interface CurtainAddress {
  recipient?: string;
  phone?: string;
  /** Omitted = China. */
  country?: string;
  /** Selector value (`广东`) or written out (`广东省`, `广西壮族自治区`). */
  province?: string;
  city?: string;
  district?: string;
  /** Street and number; may also carry the whole address (`上海市浦东新区示例路3号`) when `province` is omitted. */
  detail?: string;
}

export type AddressCheck = { ok: true; province: ProvinceName } | { ok: false; violations: Violation[] };

const CHINA = new Set(['中国', '中华人民共和国', 'china', 'cn', 'chn', "people's republic of china", 'prc']);
/** 港澳台: not "abroad" in the FAQ's words, but outside the mainland, so refused too (R-MAT-027 note). */
const NON_MAINLAND_PREFIXES = ['香港', '澳门', '澳門', '台湾', '台灣', '臺灣'];
const PROVINCE_SUFFIXES = ['特别行政区', '维吾尔自治区', '壮族自治区', '回族自治区', '自治区', '省', '市'];

/** `广东省` → `广东`, `中国上海市浦东新区…` → `上海`; undefined when the text starts with no mainland province. */
function mainlandProvinceAt(text: string): ProvinceName | undefined {
  const t = text.trim().replace(/^(中华人民共和国|中国)/, '');
  return PROVINCE_NAMES.find((p) => t.startsWith(p));
}

function startsNonMainland(text: string): boolean {
  const t = text.trim().replace(/^(中华人民共和国|中国)/, '');
  return NON_MAINLAND_PREFIXES.some((p) => t.startsWith(p));
}

function normaliseProvinceField(value: string): string {
  let v = value.trim();
  for (const s of PROVINCE_SUFFIXES) {
    if (v.endsWith(s) && v.length > s.length) {
      v = v.slice(0, -s.length);
      break;
    }
  }
  return v;
}

const MOBILE = /^(\+?86[\s-]?)?1[3-9]\d{9}$/;
const LANDLINE = /^0\d{2,3}-?\d{7,8}(-\d{1,6})?$/;

/**
 * R-MAT-027: a curtain may go to any mainland address — not necessarily in the filing province — and never abroad.
 * 港澳台 are refused with the same code (mainland-only interpretation). The province comes from the selector field,
 * or from the start of a written-out address; an address with no recognisable province and no Chinese text at all
 * (`1-1 Chiyoda, Tokyo, Japan`) is treated as abroad, one with Chinese text but no province as incomplete.
 */
export function validateCurtainAddress(address: CurtainAddress, field = 'curtainRequest.address'): AddressCheck {
  const violations: Violation[] = [];
  const abroad = (where: string): Violation => ({
    rule: 'R-MAT-027',
    code: 'CURTAIN_ADDRESS_ABROAD',
    severity: 'block',
    field: `${field}.${where}`,
    message: {
      zh: '幕布暂不支持邮寄到中国大陆以外的地址（含港澳台及国外），请填写大陆地址。',
      en: 'Curtains can only be mailed to addresses in mainland China (not Hong Kong, Macao, Taiwan or abroad).',
    },
    fix: {
      zh: '可填写任意大陆省份的地址，不必是备案省份；或前往拍照点拍照。',
      en: 'Any mainland address will do, not necessarily in the filing province; or use a photo point.',
    },
  });
  const incomplete = (where: string, zh: string, en: string): Violation => ({
    rule: 'R-MAT-027',
    code: 'CURTAIN_ADDRESS_INCOMPLETE',
    severity: 'block',
    field: `${field}.${where}`,
    message: { zh, en },
  });

  const country = address.country?.trim();
  if (country && !CHINA.has(country.toLowerCase())) return { ok: false, violations: [abroad('country')] };

  let province: ProvinceName | undefined;
  const provinceField = address.province?.trim();
  const detail = address.detail?.trim() ?? '';
  if (provinceField) {
    if (startsNonMainland(provinceField)) return { ok: false, violations: [abroad('province')] };
    const normalised = normaliseProvinceField(provinceField.replace(/^(中华人民共和国|中国)/, ''));
    province = PROVINCE_NAMES.find((p) => p === normalised);
    if (!province) return { ok: false, violations: [abroad('province')] };
  } else if (detail) {
    if (startsNonMainland(detail)) return { ok: false, violations: [abroad('detail')] };
    province = mainlandProvinceAt(detail);
    if (!province) {
      if (!/\p{Script=Han}/u.test(detail)) return { ok: false, violations: [abroad('detail')] };
      violations.push(incomplete('province', '请选择收件省份。', 'Choose the province of the address.'));
    }
  } else {
    violations.push(incomplete('province', '请选择收件省份。', 'Choose the province of the address.'));
  }

  if (detail.length < 4) {
    violations.push(incomplete('detail', '请填写详细的街道地址。', 'Enter the street address.'));
  }
  if (!address.recipient?.trim()) {
    violations.push(incomplete('recipient', '请填写收件人姓名。', 'Enter the recipient’s name.'));
  }
  const phone = address.phone?.replace(/\s+/g, '') ?? '';
  if (!MOBILE.test(phone) && !LANDLINE.test(phone)) {
    violations.push(
      incomplete('phone', '请填写收件人的大陆手机号或固定电话。', 'Enter a mainland mobile or landline number.'),
    );
  }
  if (violations.length > 0 || !province) return { ok: false, violations };
  return { ok: true, province };
}

// ---------------------------------------------------------------------------------------------------------------
// R-MAT-025 / R-MAT-026 charges

/** Why a curtain is requested. The first request of an account needs no reason. */
export type CurtainRequestReason = 'FIRST' | 'LOST' | 'OBSOLETE' | 'MISPRINTED';

export interface CurtainCharge {
  reason: CurtainRequestReason;
  /** The curtain itself is always free. */
  curtainFeeFen: 0;
  postagePayer: 'PROVIDER' | 'CUSTOMER';
  /** What the customer pays; 0 when the provider pays. */
  postageFen: number;
  message: LocalizedText;
}

function yuan(fen: number): string {
  return (fen / 100).toFixed(2);
}

/**
 * R-MAT-025: the first curtain is free with postage; a replacement for a lost one is free but the customer pays the
 * postage (shown on the form); a replacement for an obsolete or foreign curtain (R-MAT-023) is free with postage, as
 * is one for a misprinted curtain (R-PRV-018, the provider's mistake; interp.). R-MAT-026: lost-curtain
 * replacements have no limit. A repeat request without a reason is refused: a curtain is kept and reused (R-MAT-030).
 */
export function curtainCharge(
  input: { previousRequests: number; reason?: Exclude<CurtainRequestReason, 'FIRST'> },
  config: Pick<CurtainConfig, 'lostReplacementPostageFen'> = defaultCurtainConfig,
  field = 'curtainRequest.reason',
): CurtainCharge | Violation {
  if (input.previousRequests <= 0) {
    return {
      reason: 'FIRST',
      curtainFeeFen: 0,
      postagePayer: 'PROVIDER',
      postageFen: 0,
      message: { zh: '首次申请幕布免费，包邮。', en: 'Your first curtain is free, postage included.' },
    };
  }
  switch (input.reason) {
    case 'LOST':
      return {
        reason: 'LOST',
        curtainFeeFen: 0,
        postagePayer: 'CUSTOMER',
        postageFen: config.lostReplacementPostageFen,
        message: {
          zh: `幕布丢失补寄：幕布免费，邮费 ¥${yuan(config.lostReplacementPostageFen)} 由您承担。`,
          en: `Replacement for a lost curtain: the curtain is free; you pay the postage of ¥${yuan(config.lostReplacementPostageFen)}.`,
        },
      };
    case 'OBSOLETE':
      return {
        reason: 'OBSOLETE',
        curtainFeeFen: 0,
        postagePayer: 'PROVIDER',
        postageFen: 0,
        message: {
          zh: '旧版或非本服务商的幕布更换：免费重新邮寄，包邮。',
          en: 'Replacement for an old or another company’s curtain: free, postage included.',
        },
      };
    case 'MISPRINTED':
      return {
        reason: 'MISPRINTED',
        curtainFeeFen: 0,
        postagePayer: 'PROVIDER',
        postageFen: 0,
        message: {
          zh: '幕布印制错误更换：免费重新邮寄，包邮。',
          en: 'Replacement for a misprinted curtain: free, postage included.',
        },
      };
    default:
      return {
        rule: 'R-MAT-026',
        code: 'CURTAIN_REASON_REQUIRED',
        severity: 'block',
        field,
        message: {
          zh: '您已申请过幕布。幕布无需归还，可重复使用；如需补寄，请选择原因（丢失、旧版幕布、印制错误）。',
          en: 'You already requested a curtain, which you may keep and reuse. To get another, give a reason: lost, old curtain or misprinted.',
        },
      };
  }
}

export function isViolation(value: object): value is Violation {
  return 'code' in value && 'rule' in value && 'severity' in value;
}

// ---------------------------------------------------------------------------------------------------------------
// R-MAT-029 address changes

export interface CurtainShipmentState {
  /** ONLINE = requested in the console; OFFLINE = through support or a ticket. */
  channel: 'ONLINE' | 'OFFLINE';
  /** The account's first curtain request. */
  firstRequest: boolean;
  dispatchedAt?: Date | null;
  trackingNumber?: string | null;
}

export type AddressEditor = 'CUSTOMER' | 'SUPPORT';

/**
 * R-MAT-029: before dispatch the customer may correct the address (through a ticket) and support may edit it for a
 * first online request or for an offline request. After dispatch nobody may: the customer gets the courier and the
 * tracking number to redirect the parcel with the courier.
 */
export function checkCurtainAddressChange(
  shipment: CurtainShipmentState,
  editor: AddressEditor,
  now: Date,
  config: Pick<CurtainConfig, 'courier'> = defaultCurtainConfig,
  field = 'curtainRequest.address',
): { ok: true } | { ok: false; violation: Violation } {
  if (shipment.dispatchedAt && shipment.dispatchedAt.getTime() <= now.getTime()) {
    const tracking = shipment.trackingNumber ?? '';
    return {
      ok: false,
      violation: {
        rule: 'R-MAT-029',
        code: 'CURTAIN_ALREADY_SHIPPED',
        severity: 'block',
        field,
        message: {
          zh: `幕布已由${config.courier.zh}寄出（运单号 ${tracking}），无法在系统中修改地址，请直接联系${config.courier.zh}修改。`,
          en: `The curtain has already been shipped by ${config.courier.en} (tracking number ${tracking}); the address can no longer be changed here. Contact ${config.courier.en} to redirect it.`,
        },
      },
    };
  }
  if (editor === 'SUPPORT' && shipment.channel === 'ONLINE' && !shipment.firstRequest) {
    return {
      ok: false,
      violation: {
        rule: 'R-MAT-029',
        code: 'CURTAIN_ADDRESS_EDIT_NOT_ALLOWED',
        severity: 'block',
        field,
        message: {
          zh: '该幕布申请的地址需由客户通过工单修改。',
          en: 'The customer must correct the address of this curtain request through a ticket.',
        },
      },
    };
  }
  return { ok: true };
}

// ---------------------------------------------------------------------------------------------------------------
// R-MAT-017 / R-MAT-018 / R-ORD-024 photo methods

/** R-MAT-017: the curtain-request and curtain-photo entries exist only after initial review passed. */
export const CURTAIN_ENTRY_STATES = ['PHOTO_PENDING', 'RE_REVIEW_REJECTED'] as const;

export function curtainEntryVisible(orderState: string): boolean {
  return (CURTAIN_ENTRY_STATES as readonly string[]).includes(orderState);
}

/** R-MAT-018: the three ways to a curtain photo. */
export type PhotoMethod = 'AGENT_PHOTO_POINT' | 'MAILED_CURTAIN' | 'PHOTO_VERIFICATION_POINT';

export interface PhotoMethodInfo {
  method: PhotoMethod;
  /** R-MAT-025: taking the photo at either kind of point is free; a mailed curtain is charged by `curtainCharge`. */
  photoFeeFen: 0;
  /** Who puts the photo into the order. */
  uploadedBy: 'CUSTOMER_OR_STAFF' | 'CUSTOMER' | 'PROVIDER';
  /** What the customer brings. */
  bring: LocalizedText;
}

export const photoMethods: Readonly<Record<PhotoMethod, PhotoMethodInfo>> = {
  AGENT_PHOTO_POINT: {
    method: 'AGENT_PHOTO_POINT',
    photoFeeFen: 0,
    uploadedBy: 'CUSTOMER_OR_STAFF',
    bring: {
      zh: '身份证原件和备案幕布拍照通知（含订单号）',
      en: 'the original ID card and the curtain-photo notice (with the order number)',
    },
  },
  MAILED_CURTAIN: {
    method: 'MAILED_CURTAIN',
    photoFeeFen: 0,
    uploadedBy: 'CUSTOMER',
    bring: { zh: '（自行拍照上传）', en: '(take the photo yourself and upload it)' },
  },
  PHOTO_VERIFICATION_POINT: {
    method: 'PHOTO_VERIFICATION_POINT',
    photoFeeFen: 0,
    uploadedBy: 'PROVIDER',
    bring: { zh: '身份证原件和备案订单号', en: 'the original ID card and the filing order number' },
  },
};

export interface PhotoDeadline {
  /** Last Beijing civil date on which the photo must be in the order. */
  date: CivilDate;
  /** The first instant after that day: the photo is late if it arrives at or after this. */
  endsAt: Date;
  /** For verification points: the day the point must hand the photo to the provider. */
  toProviderBy?: CivilDate;
}

/**
 * R-MAT-019 / R-ORD-024: an agent photo point puts the photo into the order the same calendar day. A photo
 * verification point hands it to the provider within 1 working day and the provider uploads it within 1 more, so by
 * the end of the 2nd working day after the photo (§0.2 counting). A mailed curtain has no deadline: the customer
 * uploads. Late uploads feed the SLA report.
 */
export function photoUploadDeadline(method: PhotoMethod, takenAt: Date, calendar: WorkingDays): PhotoDeadline | null {
  const taken = beijingDateTime(takenAt).date;
  const endOf = (d: CivilDate) => startOfBeijingDay(addCalendarDays(d, 1));
  switch (method) {
    case 'AGENT_PHOTO_POINT':
      return { date: taken, endsAt: endOf(taken) };
    case 'PHOTO_VERIFICATION_POINT': {
      const toProviderBy = nthWorkingDayAfter(taken, 1, calendar);
      const date = nthWorkingDayAfter(taken, 2, calendar);
      return { date, endsAt: endOf(date), toProviderBy };
    }
    case 'MAILED_CURTAIN':
      return null;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// A whole curtain request

export interface CurtainRequestInput {
  requestedAt: Date;
  orderState: string;
  /** The filing province's rule set (or just its curtain text): the curtain carries the filing province's text. */
  filingProvinceRules: { curtainText: string };
  address: CurtainAddress;
  /** Earlier curtain requests of this account (any order). */
  previousRequests: number;
  reason?: Exclude<CurtainRequestReason, 'FIRST'>;
}

export interface CurtainRequestPlan {
  /** R-PRV-018: printed on the curtain; from the FILING province, whatever the destination (FAQ-164). */
  curtainText: string;
  destinationProvince: ProvinceName;
  dispatch: CurtainDispatch;
  delivery: DeliveryEstimate;
  charge: CurtainCharge;
}

/** Everything the request form and the dispatch job need, or every reason the request is refused. */
export function planCurtainRequest(
  input: CurtainRequestInput,
  calendar: WorkingDays,
  config: CurtainConfig = defaultCurtainConfig,
): { ok: true; plan: CurtainRequestPlan } | { ok: false; violations: Violation[] } {
  const violations: Violation[] = [];
  if (!curtainEntryVisible(input.orderState)) {
    violations.push({
      rule: 'R-MAT-017',
      code: 'CURTAIN_NOT_AVAILABLE',
      severity: 'block',
      field: 'order.state',
      message: {
        zh: '通过初审后才能申请幕布。',
        en: 'A curtain can be requested only after the initial review has passed.',
      },
    });
  }
  const address = validateCurtainAddress(input.address);
  if (!address.ok) violations.push(...address.violations);
  const charge = curtainCharge({ previousRequests: input.previousRequests, reason: input.reason }, config);
  if (isViolation(charge)) violations.push(charge);
  if (violations.length > 0 || !address.ok || isViolation(charge)) return { ok: false, violations };

  const dispatch = curtainDispatch(input.requestedAt, calendar, config);
  return {
    ok: true,
    plan: {
      curtainText: input.filingProvinceRules.curtainText,
      destinationProvince: address.province,
      dispatch,
      delivery: curtainDeliveryEstimate(dispatch.dispatchDate, address.province, config),
      charge,
    },
  };
}
