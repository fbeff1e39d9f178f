import type {
  CertificateType,
  OrderType,
  PreApprovalCategory,
  Province,
  ServiceContent,
  SubjectType,
} from '../rules/draft.ts';
import { PROVINCE_BY_CODE } from '../rules/validators/regions.ts';

/**
 * The base code tables the upload and download files refer to (单位性质代码表, 证件类型代码表, 省市县代码表, 服务内容代码表,
 * 语言类别代码表, 分布地点/接入方式代码表, 注销理由代码表). The bureau publishes them as JCDM downloads; their values are
 * not in the surviving spec text. These are the project's tables, shared by the adapter and the simulator, which
 * serves them as its JCDM. Where the spec fixes a value it is used: province ids are GB/T 2260 codes, and the
 * certificate codes follow isp_querybeianstatus's queryConditionType (1 business licence, 2 resident ID, 7 passport,
 * 11 Taiwan permit …) so that a subject's Zjlx is also the condition type that finds it.
 */

/** Shengid: GB/T 2260 province code (e.g. 广东 440000). */
export const PROVINCE_CODES: Readonly<Record<Province, number>> = Object.fromEntries(
  Object.entries(PROVINCE_BY_CODE).map(([two, p]) => [p, Number(two) * 10_000]),
) as Record<Province, number>;

export function provinceOfShengid(code: number): Province | undefined {
  return PROVINCE_BY_CODE[String(Math.floor(code / 10_000))];
}

/**
 * Shiid: the certificate's issuing city where the number encodes it (the first 4 digits of a resident ID, characters
 * 3–6 of a USCC), otherwise the province's first city (xx0100), which is its capital in the GB/T 2260 numbering.
 */
export function cityCodeFor(province: Province, certNumber: string | undefined): number {
  const provinceCode = PROVINCE_CODES[province];
  const n = (certNumber ?? '').trim().toUpperCase();
  const prefix = Math.floor(provinceCode / 10_000);
  const fromId = /^\d{17}[\dX]$/.test(n)
    ? n.slice(0, 4)
    : /^[0-9A-Z]{2}\d{6}/.test(n) && n.length === 18
      ? n.slice(2, 6)
      : '';
  if (fromId && Number(fromId.slice(0, 2)) === prefix && fromId.slice(2) !== '00') return Number(fromId) * 100;
  return provinceCode + 100;
}

/** Zjlx. */
export const CERTIFICATE_CODES: Readonly<Record<CertificateType, number>> = {
  USCC_LICENCE: 1,
  RESIDENT_ID: 2,
  ORGANIZATION_CODE: 3,
  INSTITUTION_CERT: 4,
  SOCIAL_ORG_CERT: 6,
  PASSPORT: 7,
  TAIWAN_PERMIT: 11,
  HK_MACAO_PERMIT: 12,
  FOREIGN_PERMANENT_RESIDENT_ID: 13,
  BUSINESS_REGISTRATION: 14,
  GOVERNMENT_USCC: 15,
  PRIVATE_NON_ENTERPRISE_CERT: 16,
  FOUNDATION_CERT: 17,
  LAW_FIRM_LICENCE: 18,
  RELIGIOUS_ORG_CERT: 19,
  FOREIGN_REGISTRATION: 20,
};

const CERT_BY_CODE = new Map(Object.entries(CERTIFICATE_CODES).map(([k, v]) => [v, k as CertificateType]));
export function certificateOfZjlx(code: number): CertificateType | undefined {
  return CERT_BY_CODE.get(code);
}

/**
 * isp_querybeianstatus condition type of a certificate code: the business licence covers both numbers printed on
 * one (USCC and the old registration number); codes the spec's query does not know have no condition type.
 */
export function queryConditionOfZjlx(zjlx: number): number | undefined {
  if (zjlx === CERTIFICATE_CODES.BUSINESS_REGISTRATION) return 1;
  if (zjlx === CERTIFICATE_CODES.GOVERNMENT_USCC) return 9;
  return zjlx >= 1 && zjlx <= 11 ? zjlx : undefined;
}

/** Dwxz. 5 (个人) and 4 (企业) as in the spec's examples; organisation kinds by their certificate. */
export const SUBJECT_NATURE = {
  GOVERNMENT: 2,
  PUBLIC_INSTITUTION: 3,
  ENTERPRISE: 4,
  PERSONAL: 5,
  SOCIAL_ORG: 6,
  PRIVATE_NON_ENTERPRISE: 7,
  FOUNDATION: 8,
  LAW_FIRM: 9,
  INDIVIDUAL_BUSINESS: 10,
  RELIGIOUS: 11,
} as const;

export function natureOf(type: SubjectType | undefined, cert: CertificateType | undefined): number {
  switch (type) {
    case 'PERSONAL':
      return SUBJECT_NATURE.PERSONAL;
    case 'ENTERPRISE':
      return SUBJECT_NATURE.ENTERPRISE;
    case 'INDIVIDUAL_BUSINESS':
      return SUBJECT_NATURE.INDIVIDUAL_BUSINESS;
    case 'PUBLIC_INSTITUTION':
      return SUBJECT_NATURE.PUBLIC_INSTITUTION;
    default: {
      const byCert: Partial<Record<CertificateType, number>> = {
        GOVERNMENT_USCC: SUBJECT_NATURE.GOVERNMENT,
        SOCIAL_ORG_CERT: SUBJECT_NATURE.SOCIAL_ORG,
        PRIVATE_NON_ENTERPRISE_CERT: SUBJECT_NATURE.PRIVATE_NON_ENTERPRISE,
        FOUNDATION_CERT: SUBJECT_NATURE.FOUNDATION,
        LAW_FIRM_LICENCE: SUBJECT_NATURE.LAW_FIRM,
        RELIGIOUS_ORG_CERT: SUBJECT_NATURE.RELIGIOUS,
      };
      return (cert && byCert[cert]) ?? SUBJECT_NATURE.SOCIAL_ORG;
    }
  }
}

export function subjectTypeOfNature(dwxz: number | undefined): SubjectType {
  switch (dwxz) {
    case SUBJECT_NATURE.PERSONAL:
      return 'PERSONAL';
    case SUBJECT_NATURE.ENTERPRISE:
      return 'ENTERPRISE';
    case SUBJECT_NATURE.INDIVIDUAL_BUSINESS:
      return 'INDIVIDUAL_BUSINESS';
    case SUBJECT_NATURE.PUBLIC_INSTITUTION:
      return 'PUBLIC_INSTITUTION';
    default:
      return 'OTHER_ORG';
  }
}

export const isPersonalNature = (dwxz: number | undefined): boolean => dwxz === SUBJECT_NATURE.PERSONAL;

/** Fwnr_id: the three plain contents, then the pre-approval categories in catalogue order. */
export const SERVICE_CONTENT_CODES: Readonly<Record<ServiceContent, number>> = {
  COMPREHENSIVE_PORTAL: 1,
  ORG_PORTAL: 2,
  OTHER: 3,
  NEWS: 4,
  PUBLISHING: 5,
  EDUCATION: 6,
  MEDICAL: 7,
  DRUGS_DEVICES: 8,
  BBS: 9,
  CULTURE: 10,
  RADIO_FILM_TV: 11,
  ONLINE_GAMES: 12,
};
const CONTENT_BY_CODE = new Map(Object.entries(SERVICE_CONTENT_CODES).map(([k, v]) => [v, k as ServiceContent]));
export const serviceContentOf = (code: number): ServiceContent | undefined => CONTENT_BY_CODE.get(code);

/** Nrlx_id: pre-approval (前置审批) content types. */
export const PRE_APPROVAL_CODES: Readonly<Record<PreApprovalCategory, number>> = {
  NEWS: 1,
  PUBLISHING: 2,
  EDUCATION: 3,
  MEDICAL: 4,
  DRUGS_DEVICES: 5,
  BBS: 6,
  CULTURE: 7,
  RADIO_FILM_TV: 8,
  ONLINE_GAMES: 9,
};

/** Yylb_id by the primary subtag of a language tag; anything else is 16 (其他). */
const LANGUAGE_CODES: Readonly<Record<string, number>> = {
  'zh-cn': 1,
  zh: 1,
  'zh-hans': 1,
  'zh-tw': 2,
  'zh-hk': 2,
  'zh-hant': 2,
  en: 3,
  ja: 4,
  ko: 5,
  fr: 6,
  de: 7,
  ru: 8,
  es: 9,
  ar: 10,
  bo: 11,
  ug: 12,
  mn: 13,
  za: 14,
  ii: 15,
};
export function languageCode(tag: string): number {
  const t = tag.trim().toLowerCase();
  return LANGUAGE_CODES[t] ?? LANGUAGE_CODES[t.split('-')[0] ?? ''] ?? 16;
}
const LANGUAGE_BY_CODE = new Map<number, string>([
  [1, 'zh-CN'],
  [2, 'zh-TW'],
  [3, 'en'],
  [4, 'ja'],
  [5, 'ko'],
  [6, 'fr'],
  [7, 'de'],
  [8, 'ru'],
  [9, 'es'],
  [10, 'ar'],
]);
export const languageOf = (code: number): string => LANGUAGE_BY_CODE.get(code) ?? 'other';

/** Fbdd 1: 境内 (the provider's mainland data centres); Jrfs 4: 云服务器 (a cloud server of the provider). */
export const PLACEMENT_MAINLAND = 1;
export const ACCESS_METHOD_CLOUD = 4;

/** ZXBA Zxly: why the subject asks to cancel (R-CHG-011/013/016). */
export const CANCELLATION_REASON_CODES: Readonly<Partial<Record<OrderType, number>>> = {
  CANCEL_SUBJECT: 1,
  CANCEL_WEBSITE: 2,
  CANCEL_ACCESS: 3,
};

/**
 * Bureau-initiated cancellation reasons (R-BUR-016). The ZXSJ record carries the code in its Bz (备注) so the provider
 * can tell the customer why (R-NTF-014).
 */
export const BUREAU_CANCELLATION_REASONS = [
  'SUBJECT_REQUEST',
  'DOMAIN_HOLDER_CONFLICT',
  'SHELL_NO_ACCESS',
  'INACCURATE_INFO',
  'ILLEGAL_CONTENT',
] as const;
export type BureauCancellationReason = (typeof BUREAU_CANCELLATION_REASONS)[number];

/** IPv4 dotted quad ⇄ the unsigned 32-bit integer of Qsip/Zzip. */
export function ipToLong(ip: string): number | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip.trim());
  if (!m) return null;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return null;
  return ((parts[0] ?? 0) * 2 ** 24 + (parts[1] ?? 0) * 2 ** 16 + (parts[2] ?? 0) * 2 ** 8 + (parts[3] ?? 0)) >>> 0;
}

export function longToIp(n: number): string {
  return [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');
}
