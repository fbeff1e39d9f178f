import { Type } from 'typebox';
import { DomainError } from '../../../platform/errors.ts';
import type { LocalizedText } from '../../../platform/i18n.ts';
import { topLabel } from './facts.ts';
import {
  type CommercialAssistance,
  type FilingAbbreviation,
  PROVINCE_NAMES,
  type ProvinceName,
  type ProvinceOverride,
  type ProvinceRuleKey,
  type ProvinceRules,
  type ProvinceRuleValues,
  type ProvinceTable,
} from './types.ts';

/**
 * Version of the shipped table: the catalogue's §10.1 as derived from the FAQ pages last updated 2018-10-09.
 * Bump it whenever a value below changes, so that a review can record which rule set it applied (R-PRV-001).
 */
export const PROVINCE_TABLE_VERSION = 'faq-2018-10-09.r1';

/** R-PRV-018: the FAQ's default curtain texts (provider configuration; overridable per province). */
export const DEFAULT_CURTAIN_TEXT = '腾讯云计算（北京）有限责任公司广州分公司';
export const ZHEJIANG_CURTAIN_TEXT = '腾讯云计算（北京）有限责任公司';

/**
 * The national defaults: R-PRV-025 for the rules the FAQ names no province for, and "off" for every rule the
 * catalogue switches on only in named provinces. `certRenewalGroup` has no default: §10.1 puts every province in a
 * group.
 */
export const PROVINCE_DEFAULTS: Omit<ProvinceRuleValues, 'certRenewalGroup'> = {
  bureauWorkingDays: 20,
  orgLandlineRequired: false,
  mobileAsOfficePhoneRemark: [],
  officePhoneDiffersFromPrincipalMobile: false,
  legalRepAuthLetterIfNotLegalRep: false,
  domainOwnerMustMatch: false,
  latestCertOnly: false,
  allowedSuffixes: null,
  sheetRegistrarRemark: false,
  handheldLicenceCopyOnly: false,
  seasonalClothing: false,
  personalFingerprint: false,
  curtainText: DEFAULT_CURTAIN_TEXT,
  partyBuildingProof: [],
  financeUndertaking: false,
  gameViaChangeOnly: false,
  passwordOnlineOnly: false,
  foreignLegalRepMustDelegate: false,
  certNumberChangeAllowed: true,
  subjectReplaceAllowed: false,
  minorPrincipal: 'SUPPLEMENT',
  allowNonLocalPersonal: true,
  mobileMustBeLocal: false,
  landlineUniquePerSubject: false,
  mobileSamePersonException: true,
  bbsSuspended: false,
  individualBusinessSealRequired: false,
  checkUnusedFiledSites: false,
  checkUnreachableFiledSites: false,
  commercialAssistance: { scope: 'none' },
};

const GROUP_A = { ADD_WEBSITE: 'A', ACCESS: 'A' } as const;
const GROUP_B = { ADD_WEBSITE: 'B', ACCESS: 'B' } as const;

/** R-PRV-013: 北京's whitelist. `.org.cn` passes because only the rightmost label is judged. */
const BEIJING_SUFFIXES = {
  suffixes: [
    'com',
    'cn',
    'cc',
    'gov',
    'net',
    '商城',
    '网址',
    '中信',
    '中国',
    '网络',
    '公司',
    '我爱你',
    'citic',
    'mobi',
    'ren',
    'tel',
    'top',
    'tv',
    'wang',
    'xin',
  ],
  // 「.其他」 in the FAQ means "other MIIT-approved Chinese suffixes"; their approval is checked by R-WEB-005.
  anyChineseSuffix: true,
} as const;

function row(
  name: ProvinceName,
  abbreviation: FilingAbbreviation,
  certRenewalGroup: ProvinceRuleValues['certRenewalGroup'],
  specials: Partial<ProvinceRuleValues> = {},
): ProvinceRules {
  return { name, abbreviation, ...PROVINCE_DEFAULTS, certRenewalGroup, ...specials };
}

/**
 * §10.1, one row per province. Only the values the catalogue names are set here; every other key is the national
 * default above (R-PRV-025: "All other provinces use the defaults").
 */
export const provinceTable: ProvinceTable = {
  北京: row('北京', '京', GROUP_A, {
    officePhoneDiffersFromPrincipalMobile: true, // R-PRV-007
    allowedSuffixes: BEIJING_SUFFIXES, // R-PRV-013
    sheetRegistrarRemark: true, // R-PRV-014
    handheldLicenceCopyOnly: true, // R-PRV-015
    seasonalClothing: true, // R-PRV-016
    commercialAssistance: { scope: 'province' }, // R-PRV-024
  }),
  天津: row('天津', '津', GROUP_A, {
    mobileAsOfficePhoneRemark: ['name', 'jobTitle'], // R-PRV-006
    legalRepAuthLetterIfNotLegalRep: true, // R-PRV-008
    commercialAssistance: { scope: 'province' }, // R-PRV-024
  }),
  河北: row('河北', '冀', GROUP_A, {
    foreignLegalRepMustDelegate: true, // R-PRV-023
  }),
  山西: row('山西', '晋', GROUP_A),
  内蒙古: row('内蒙古', '蒙', GROUP_B),
  辽宁: row('辽宁', '辽', GROUP_A, {
    officePhoneDiffersFromPrincipalMobile: true, // R-PRV-007
  }),
  吉林: row('吉林', '吉', GROUP_A, {
    officePhoneDiffersFromPrincipalMobile: true, // R-PRV-007
    domainOwnerMustMatch: true, // R-PRV-009
  }),
  黑龙江: row('黑龙江', '黑', GROUP_A, {
    latestCertOnly: true, // R-PRV-012
  }),
  上海: row('上海', '沪', GROUP_A, {
    legalRepAuthLetterIfNotLegalRep: true, // R-PRV-008
    domainOwnerMustMatch: true, // R-PRV-009
    commercialAssistance: { scope: 'province' }, // R-PRV-024
  }),
  江苏: row(
    '江苏',
    '苏',
    { ADD_WEBSITE: 'B', ACCESS: 'A' }, // R-PRV-010 / R-PRV-011
    {
      orgLandlineRequired: true, // R-PRV-003
      domainOwnerMustMatch: true, // R-PRV-009
    },
  ),
  浙江: row('浙江', '浙', GROUP_A, {
    bureauWorkingDays: 30, // R-PRV-002
    curtainText: ZHEJIANG_CURTAIN_TEXT, // R-PRV-018
  }),
  安徽: row('安徽', '皖', GROUP_A, { domainOwnerMustMatch: true }),
  福建: row('福建', '闽', GROUP_A, { domainOwnerMustMatch: true }),
  江西: row('江西', '赣', GROUP_A, {
    seasonalClothing: true, // R-PRV-016
    personalFingerprint: true, // R-PRV-017
  }),
  山东: row('山东', '鲁', GROUP_B),
  河南: row('河南', '豫', GROUP_B),
  湖北: row('湖北', '鄂', GROUP_B, { legalRepAuthLetterIfNotLegalRep: true }),
  湖南: row('湖南', '湘', GROUP_B, { legalRepAuthLetterIfNotLegalRep: true, domainOwnerMustMatch: true }),
  广东: row('广东', '粤', GROUP_A, {
    financeUndertaking: true, // R-PRV-020
    gameViaChangeOnly: true, // R-PRV-021
    passwordOnlineOnly: true, // R-PRV-022
    commercialAssistance: { scope: 'cities', cities: ['广州', '深圳'] }, // R-PRV-024
  }),
  广西: row('广西', '桂', GROUP_A, { domainOwnerMustMatch: true }),
  海南: row('海南', '琼', GROUP_A),
  重庆: row('重庆', '渝', GROUP_A, {
    mobileAsOfficePhoneRemark: ['name'], // R-PRV-005
    domainOwnerMustMatch: true,
  }),
  四川: row('四川', '蜀', GROUP_B, { domainOwnerMustMatch: true }),
  贵州: row('贵州', '黔', GROUP_B, { legalRepAuthLetterIfNotLegalRep: true, domainOwnerMustMatch: true }),
  云南: row('云南', '滇', GROUP_A),
  西藏: row('西藏', '藏', GROUP_B),
  陕西: row('陕西', '陕', GROUP_B, { domainOwnerMustMatch: true }),
  甘肃: row('甘肃', '陇', GROUP_A, {
    mobileAsOfficePhoneRemark: ['jobTitle'], // R-PRV-004
    domainOwnerMustMatch: true,
  }),
  青海: row('青海', '青', GROUP_A, { domainOwnerMustMatch: true }),
  宁夏: row('宁夏', '宁', GROUP_A, { domainOwnerMustMatch: true }),
  新疆: row('新疆', '新', GROUP_A, {
    domainOwnerMustMatch: true,
    // R-PRV-019: 「所有新增备案」 read as FIRST + ADD_WEBSITE; ACCESS is off by default and can be added by override.
    partyBuildingProof: ['FIRST', 'ADD_WEBSITE'],
  }),
};

export function isProvinceName(value: unknown): value is ProvinceName {
  return typeof value === 'string' && (PROVINCE_NAMES as readonly string[]).includes(value);
}

/** The rule set of one province. An unknown name is a caller error that must surface, not a silent default. */
export function provinceRulesFor(province: string, table: ProvinceTable = provinceTable): ProvinceRules {
  if (!isProvinceName(province)) {
    throw new DomainError('VALIDATION_FAILED', {
      reason: 'UNKNOWN_PROVINCE',
      message: { zh: `未知的省份：${province}`, en: `Unknown province: ${province}` },
      details: { province },
    });
  }
  return table[province];
}

// ---------------------------------------------------------------------------------------------------------------
// Overrides

/**
 * Thrown when an override names an unknown province or key, has a malformed date, or carries a value of the wrong
 * type for its key. The admin API answers it as a 400 naming the field.
 */
export class ProvinceOverrideError extends DomainError {
  constructor(
    readonly field: 'province' | 'key' | 'value' | 'effectiveFrom' | 'source',
    readonly override: Partial<ProvinceOverride>,
    expected: string,
  ) {
    super('VALIDATION_FAILED', {
      reason: 'PROVINCE_OVERRIDE_INVALID',
      message: {
        zh: `省份规则覆盖项无效：${String(override.province)}.${String(override.key)} 的 ${field} 应为 ${expected}`,
        en: `Invalid province rule override ${String(override.province)}.${String(override.key)}: ${field} must be ${expected}`,
      },
      details: { field, province: override.province, key: override.key, expected },
    });
    this.name = 'ProvinceOverrideError';
  }
}

interface ValueCheck {
  /** Human description of the expected type, used in the error. */
  expected: string;
  test: (v: unknown) => boolean;
}

const isBool: ValueCheck = { expected: 'boolean', test: (v) => typeof v === 'boolean' };
const isStringArrayOf = (allowed: readonly string[]): ValueCheck => ({
  expected: `array of ${allowed.join('|')} without duplicates`,
  test: (v) =>
    Array.isArray(v) && v.every((x) => typeof x === 'string' && allowed.includes(x)) && new Set(v).size === v.length,
});
const isNonEmptyStrings = (v: unknown): v is string[] =>
  Array.isArray(v) && v.every((x) => typeof x === 'string' && x.trim().length > 0);

function isCommercialAssistance(v: unknown): v is CommercialAssistance {
  if (typeof v !== 'object' || v === null) return false;
  const scope = (v as { scope?: unknown }).scope;
  if (scope === 'none' || scope === 'province') return Object.keys(v).length === 1;
  if (scope === 'cities') {
    const cities = (v as { cities?: unknown }).cities;
    return isNonEmptyStrings(cities) && cities.length > 0 && Object.keys(v).length === 2;
  }
  return false;
}

/** One runtime check per key; `satisfies` makes a new key without a check a compile error. */
const valueChecks = {
  bureauWorkingDays: {
    expected: 'integer from 1 to 60',
    test: (v) => Number.isInteger(v) && (v as number) >= 1 && (v as number) <= 60,
  },
  orgLandlineRequired: isBool,
  mobileAsOfficePhoneRemark: isStringArrayOf(['name', 'jobTitle']),
  officePhoneDiffersFromPrincipalMobile: isBool,
  legalRepAuthLetterIfNotLegalRep: isBool,
  domainOwnerMustMatch: isBool,
  certRenewalGroup: {
    expected: '{ ADD_WEBSITE: "A"|"B", ACCESS: "A"|"B" }',
    test: (v) => {
      if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
      const o = v as Record<string, unknown>;
      return (
        Object.keys(o).length === 2 &&
        (o.ADD_WEBSITE === 'A' || o.ADD_WEBSITE === 'B') &&
        (o.ACCESS === 'A' || o.ACCESS === 'B')
      );
    },
  },
  latestCertOnly: isBool,
  allowedSuffixes: {
    expected: 'null or { suffixes: non-empty labels without dots, anyChineseSuffix: boolean }',
    test: (v) => {
      if (v === null) return true;
      if (typeof v !== 'object' || Array.isArray(v)) return false;
      const o = v as Record<string, unknown>;
      return (
        Object.keys(o).length === 2 &&
        typeof o.anyChineseSuffix === 'boolean' &&
        isNonEmptyStrings(o.suffixes) &&
        o.suffixes.every((s) => !s.includes('.') && s === s.toLowerCase())
      );
    },
  },
  sheetRegistrarRemark: isBool,
  handheldLicenceCopyOnly: isBool,
  seasonalClothing: isBool,
  personalFingerprint: isBool,
  curtainText: { expected: 'non-empty string', test: (v) => typeof v === 'string' && v.trim().length > 0 },
  partyBuildingProof: isStringArrayOf(['FIRST', 'ADD_WEBSITE', 'ACCESS']),
  financeUndertaking: isBool,
  gameViaChangeOnly: isBool,
  passwordOnlineOnly: isBool,
  foreignLegalRepMustDelegate: isBool,
  certNumberChangeAllowed: isBool,
  subjectReplaceAllowed: isBool,
  minorPrincipal: {
    expected: '"REJECT"|"SUPPLEMENT"|"ALLOW"',
    test: (v) => v === 'REJECT' || v === 'SUPPLEMENT' || v === 'ALLOW',
  },
  allowNonLocalPersonal: isBool,
  mobileMustBeLocal: isBool,
  landlineUniquePerSubject: isBool,
  mobileSamePersonException: isBool,
  bbsSuspended: isBool,
  individualBusinessSealRequired: isBool,
  checkUnusedFiledSites: isBool,
  checkUnreachableFiledSites: isBool,
  commercialAssistance: {
    expected: '{ scope: "none" } | { scope: "province" } | { scope: "cities", cities: non-empty string[] }',
    test: isCommercialAssistance,
  },
} satisfies Record<ProvinceRuleKey, ValueCheck>;

export const PROVINCE_RULE_KEYS = Object.keys(valueChecks) as ProvinceRuleKey[];

export function isProvinceRuleKey(value: unknown): value is ProvinceRuleKey {
  return typeof value === 'string' && Object.hasOwn(valueChecks, value);
}

/**
 * The HTTP shape of an override for the admin API (TypeBox, like the draft schema). It checks the envelope; the value
 * is checked against its key by `validateOverride`, which the handler calls next.
 */
export const ProvinceOverrideSchema = Type.Object(
  {
    province: Type.Enum(PROVINCE_NAMES),
    key: Type.Enum(PROVINCE_RULE_KEYS),
    value: Type.Unknown(),
    effectiveFrom: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: "civil date 'YYYY-MM-DD' (Beijing)" }),
    source: Type.String({ minLength: 1, maxLength: 500 }),
    version: Type.Optional(Type.String({ maxLength: 64 })),
  },
  { additionalProperties: false, $id: 'ProvinceOverride' },
);

/** A real calendar date written YYYY-MM-DD. */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/**
 * Checks one override as it arrives from the admin API and returns it typed. Throws `ProvinceOverrideError` naming
 * the first bad field.
 */
export function validateOverride(override: ProvinceOverride): ProvinceOverride {
  if (!isProvinceName(override.province))
    throw new ProvinceOverrideError('province', override, 'one of the 31 provinces');
  if (!isProvinceRuleKey(override.key)) throw new ProvinceOverrideError('key', override, 'a rule key of R-PRV-001');
  if (!isIsoDate(override.effectiveFrom))
    throw new ProvinceOverrideError('effectiveFrom', override, 'a YYYY-MM-DD date');
  if (typeof override.source !== 'string' || override.source.trim() === '') {
    throw new ProvinceOverrideError('source', override, 'a non-empty string');
  }
  const check: ValueCheck = valueChecks[override.key];
  if (!check.test(override.value)) throw new ProvinceOverrideError('value', override, check.expected);
  return override;
}

/**
 * The overrides in force on `today`: for each province and key, the one with the latest `effectiveFrom` ≤ today
 * (on a tie, the one listed last, so that appending a correction wins).
 */
export function overridesInForce(overrides: readonly ProvinceOverride[], today: string): ProvinceOverride[] {
  if (!isIsoDate(today)) {
    throw new DomainError('VALIDATION_FAILED', { reason: 'BAD_DATE', details: { today } });
  }
  const winners = new Map<string, ProvinceOverride>();
  for (const o of overrides) {
    validateOverride(o);
    if (o.effectiveFrom > today) continue;
    const slot = `${o.province}\u0000${o.key}`;
    const current = winners.get(slot);
    if (!current || o.effectiveFrom >= current.effectiveFrom) winners.set(slot, o);
  }
  return [...winners.values()];
}

/**
 * The table in force on `today` (R-PRV-001: each review applies the rule set of its own day). Pure: the input table
 * is not modified. Every override is validated, including those not yet in force, so a bad future override is
 * refused when it is stored rather than on the day it would apply.
 */
export function applyOverrides(
  table: ProvinceTable,
  overrides: readonly ProvinceOverride[],
  today: string,
): ProvinceTable {
  const next: Record<ProvinceName, ProvinceRules> = { ...table };
  for (const o of overridesInForce(overrides, today)) {
    next[o.province] = { ...next[o.province], [o.key]: o.value };
  }
  return next;
}

/**
 * `applyOverrides` plus a version string naming exactly the rule set used, for recording on a review decision.
 * The suffix is a short hash of the overrides applied, so two reviews on the same rule set carry the same version.
 */
export function resolveProvinceTable(
  table: ProvinceTable,
  overrides: readonly ProvinceOverride[],
  today: string,
  baseVersion: string = PROVINCE_TABLE_VERSION,
): { table: ProvinceTable; version: string; applied: ProvinceOverride[] } {
  const applied = overridesInForce(overrides, today).sort((a, b) =>
    `${a.province}${a.key}`.localeCompare(`${b.province}${b.key}`),
  );
  const next = applyOverrides(table, applied, today);
  if (applied.length === 0) return { table: next, version: baseVersion, applied };
  const fingerprint = applied
    .map((o) => `${o.province}.${o.key}=${JSON.stringify(o.value)}@${o.effectiveFrom}#${o.version ?? ''}`)
    .join('|');
  return { table: next, version: `${baseVersion}+${fnv1a(fingerprint)}`, applied };
}

/** FNV-1a, 32 bit: enough to tell rule sets apart; the module must stay free of node:crypto (it runs in the browser). */
function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (const ch of text) {
    h ^= ch.codePointAt(0)!;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

// ---------------------------------------------------------------------------------------------------------------
// Derived lookups used by the rules

/** R-PRV-010 / R-PRV-011: the group for an order type, or `null` where the groups do not apply. */
export function certRenewalGroupFor(rules: ProvinceRules, orderType: string): 'A' | 'B' | null {
  if (orderType === 'ADD_WEBSITE' || orderType === 'ACCESS') return rules.certRenewalGroup[orderType];
  return null;
}

/** R-PRV-024: whether commercial-licence assistance is available to a subject in `city` of this province. */
export function commercialAssistanceAvailable(rules: ProvinceRules, city: string | undefined): boolean {
  const ca = rules.commercialAssistance;
  if (ca.scope === 'none') return false;
  if (ca.scope === 'province') return true;
  if (!city) return false;
  const bare = city.replace(/市$/, '');
  return ca.cities.some((c) => c.replace(/市$/, '') === bare);
}

const CJK = /\p{Script=Han}/u;

/**
 * R-PRV-013: whether a registrable domain's suffix passes the province whitelist. The rightmost label is judged
 * (`example.com.cn` → `cn`, `example.xn--fiqs8s` → `中国`). `true` where the province has no whitelist.
 */
export function suffixAllowedInProvince(rules: ProvinceRules, domain: string): boolean {
  const wl = rules.allowedSuffixes;
  if (!wl) return true;
  const label = topLabel(domain);
  if (wl.suffixes.includes(label)) return true;
  return wl.anyChineseSuffix && label.length > 0 && [...label].every((c) => CJK.test(c));
}

// ---------------------------------------------------------------------------------------------------------------
// Per-province requirements page (R-PRV-001: "the console links to a per-province requirements page generated
// from the rule set")

export interface RequirementLine {
  key: ProvinceRuleKey;
  /** The catalogue rule the line explains. */
  rule: string;
  /** True when the value differs from the national default, so the page can put it first. */
  special: boolean;
  text: LocalizedText;
}

export interface ProvinceRequirementsPage {
  province: ProvinceName;
  abbreviation: FilingAbbreviation;
  filingNumberExample: string;
  version: string;
  lines: RequirementLine[];
}

const onOff = (on: boolean, yes: LocalizedText, no: LocalizedText): LocalizedText => (on ? yes : no);
const ELEMENT_ZH = { name: '姓名', jobTitle: '企业职务' } as const;
const ELEMENT_EN = { name: 'name', jobTitle: 'job title' } as const;
const ORDER_ZH: Record<string, string> = { FIRST: '首次备案', ADD_WEBSITE: '新增网站', ACCESS: '新增接入' };

type Describer<K extends ProvinceRuleKey> = (value: ProvinceRuleValues[K], p: ProvinceRules) => LocalizedText;

const describers: { [K in ProvinceRuleKey]: { rule: string; text: Describer<K> } } = {
  bureauWorkingDays: {
    rule: 'R-PRV-002',
    text: (v) => ({ zh: `管局审核时长约 ${v} 个工作日`, en: `The bureau decides within about ${v} working days` }),
  },
  orgLandlineRequired: {
    rule: 'R-PRV-003',
    text: (v) =>
      onOff(
        v,
        {
          zh: '单位备案的办公电话必须为带区号的座机号码',
          en: 'Organisations must give a landline with area code as office phone',
        },
        { zh: '单位备案的办公电话可填写手机号', en: 'Organisations may give a mobile number as office phone' },
      ),
  },
  mobileAsOfficePhoneRemark: {
    rule: 'R-PRV-004',
    text: (v) =>
      v.length === 0
        ? { zh: '办公电话填写手机号时无需额外备注', en: 'No remark is needed when the office phone is a mobile' }
        : {
            zh: `单位办公电话填写手机号时，需在备注中注明${v.map((e) => ELEMENT_ZH[e]).join('、')}`,
            en: `When an organisation's office phone is a mobile, the remark must state the ${v.map((e) => ELEMENT_EN[e]).join(' and ')}`,
          },
  },
  officePhoneDiffersFromPrincipalMobile: {
    rule: 'R-PRV-007',
    text: (v) =>
      onOff(
        v,
        {
          zh: '单位负责人的办公电话须与其手机号不同',
          en: "An organisation principal's office phone must differ from their mobile",
        },
        { zh: '办公电话可与负责人手机号相同', en: "The office phone may equal the principal's mobile" },
      ),
  },
  legalRepAuthLetterIfNotLegalRep: {
    rule: 'R-PRV-008',
    text: (v) =>
      onOff(
        v,
        {
          zh: '单位网站负责人不是法人时，需上传法人授权书',
          en: 'A website principal who is not the legal representative needs a legal-rep authorisation letter',
        },
        {
          zh: '网站负责人不是法人时无需法人授权书',
          en: 'No authorisation letter is needed when the website principal is not the legal representative',
        },
      ),
  },
  domainOwnerMustMatch: {
    rule: 'R-PRV-009',
    text: (v) =>
      onOff(
        v,
        {
          zh: '域名所有者必须与主办者一致，备案期间须关闭域名隐私保护',
          en: 'The domain owner must equal the subject, and privacy protection must be off during filing',
        },
        {
          zh: '单位备案的域名所有者建议与主办单位一致（不一致时仅提示）',
          en: 'The domain owner should equal the organisation (a mismatch is only a warning)',
        },
      ),
  },
  certRenewalGroup: {
    rule: 'R-PRV-010',
    text: (v) => {
      const zh = (g: 'A' | 'B') =>
        g === 'A'
          ? '可填写原证件号码并上传最新三证合一证件，接入后需变更主体为新证件'
          : '须填写原证件号码并上传与原号码一致的有效证件';
      const en = (g: 'A' | 'B') =>
        g === 'A'
          ? 'enter the original number and upload the latest merged licence, then change the subject to the new number'
          : 'enter the original number and upload a valid certificate bearing that same number';
      if (v.ADD_WEBSITE === v.ACCESS) {
        return {
          zh: `证件更换后（${v.ACCESS} 类）：${zh(v.ACCESS)}`,
          en: `After a certificate renewal (group ${v.ACCESS}): ${en(v.ACCESS)}`,
        };
      }
      return {
        zh: `证件更换后：新增接入（${v.ACCESS} 类）${zh(v.ACCESS)}；新增网站（${v.ADD_WEBSITE} 类）${zh(v.ADD_WEBSITE)}`,
        en: `After a certificate renewal: for access (group ${v.ACCESS}) ${en(v.ACCESS)}; for new websites (group ${v.ADD_WEBSITE}) ${en(v.ADD_WEBSITE)}`,
      };
    },
  },
  latestCertOnly: {
    rule: 'R-PRV-012',
    text: (v) =>
      onOff(
        v,
        {
          zh: '任何备案类型都只接受最新的三证合一证件',
          en: 'Only the latest merged (三证合一) licence is accepted, for every order type',
        },
        { zh: '证件要求按上面的证件更换规则执行', en: 'Certificates follow the renewal rule above' },
      ),
  },
  allowedSuffixes: {
    rule: 'R-PRV-013',
    text: (v) =>
      v === null
        ? { zh: '域名后缀以工信部批复的后缀为准', en: 'Any suffix approved by MIIT may be filed' }
        : {
            zh: `仅可备案以下后缀：${v.suffixes.map((s) => `.${s}`).join(' ')}${v.anyChineseSuffix ? ' 及其他工信部批复的中文后缀' : ''}；国别、地域及国外注册的域名不可备案`,
            en: `Only these suffixes may be filed: ${v.suffixes.map((s) => `.${s}`).join(' ')}${v.anyChineseSuffix ? ' and other MIIT-approved Chinese suffixes' : ''}; country, regional and foreign-registered domains are refused`,
          },
  },
  sheetRegistrarRemark: {
    rule: 'R-PRV-014',
    text: (v) =>
      onOff(
        v,
        {
          zh: '核验单上每个域名后需备注域名注册商',
          en: 'Each domain on the verification sheet is followed by its registrar',
        },
        { zh: '核验单域名后无需备注', en: 'No remark is needed after the domains on the verification sheet' },
      ),
  },
  handheldLicenceCopyOnly: {
    rule: 'R-PRV-015',
    text: (v) =>
      onOff(
        v,
        {
          zh: '单位手持证件照必须手持营业执照副本',
          en: "An organisation's handheld photo must show the licence duplicate (副本)",
        },
        {
          zh: '单位手持证件照可手持营业执照副本或正本',
          en: "An organisation's handheld photo may show the licence duplicate or original",
        },
      ),
  },
  seasonalClothing: {
    rule: 'R-PRV-016',
    text: (v) =>
      onOff(
        v,
        {
          zh: '幕布照片中网站负责人须穿着符合当季的衣服',
          en: 'Clothing in the curtain photo must suit the current season',
        },
        {
          zh: '幕布照片服饰不做要求（建议穿着当季服装）',
          en: 'No clothing requirement for the curtain photo (seasonal clothing recommended)',
        },
      ),
  },
  personalFingerprint: {
    rule: 'R-PRV-017',
    text: (v) =>
      onOff(
        v,
        {
          zh: '个人备案的核验单需在签字处按手印',
          en: "A personal subject's verification sheet needs a fingerprint over the signature",
        },
        { zh: '个人备案核验单无需按手印', en: 'No fingerprint is needed on personal verification sheets' },
      ),
  },
  curtainText: {
    rule: 'R-PRV-018',
    text: (v) => ({ zh: `幕布背景字样为「${v}」`, en: `The curtain reads 「${v}」` }),
  },
  partyBuildingProof: {
    rule: 'R-PRV-019',
    text: (v) =>
      v.length === 0
        ? { zh: '无需党建证明', en: 'No party-building certificate is needed' }
        : {
            zh: `${v.map((t) => ORDER_ZH[t]).join('、')}须先取得党委网信办的党建证明`,
            en: `${v.join(', ')} orders need a party-building certificate from the Party committee's cyberspace office`,
          },
  },
  financeUndertaking: {
    rule: 'R-PRV-020',
    text: (v) =>
      onOff(
        v,
        {
          zh: '互联网金融类网站需提供《承诺书》、公司业务介绍、网站内容介绍及营业执照复印件',
          en: 'Internet-finance websites need the 《承诺书》, a business introduction, a website content introduction and a licence copy',
        },
        {
          zh: '金融类网站建议上传金融办专项审批',
          en: "Finance websites are advised to upload the finance office's special approval",
        },
      ),
  },
  gameViaChangeOnly: {
    rule: 'R-PRV-021',
    text: (v) =>
      onOff(
        v,
        {
          zh: '游戏/网络文化类网站须先做普通备案，取得文网文后再变更网站',
          en: 'Game/culture websites file a plain website first and change it after obtaining the 文网文',
        },
        { zh: '经营性游戏网站首次备案时即需上传文网文', en: 'Commercial game websites upload the 文网文 at filing' },
      ),
  },
  passwordOnlineOnly: {
    rule: 'R-PRV-022',
    text: (v) =>
      onOff(
        v,
        { zh: '备案密码仅能通过工信部网站线上找回', en: 'The filing password can be retrieved online only' },
        {
          zh: '备案密码可线上找回，也可邮寄申请表线下找回',
          en: 'The filing password can be retrieved online or by mailed form',
        },
      ),
  },
  foreignLegalRepMustDelegate: {
    rule: 'R-PRV-023',
    text: (v) =>
      onOff(
        v,
        {
          zh: '法人为外籍时，须授权中国公民为主体负责人',
          en: 'A foreign legal representative must authorise a PRC citizen as principal',
        },
        {
          zh: '外籍法人可使用护照作为主体负责人证件',
          en: 'A foreign legal representative may be principal with a passport',
        },
      ),
  },
  certNumberChangeAllowed: {
    rule: 'R-CHG-006',
    text: (v) =>
      onOff(
        v,
        {
          zh: '同一单位可变更证件号码（如换发三证合一）',
          en: 'The same organisation may change its certificate number (e.g. to the USCC)',
        },
        { zh: '不支持变更证件号码', en: 'Certificate numbers cannot be changed' },
      ),
  },
  subjectReplaceAllowed: {
    rule: 'R-CHG-006',
    text: (v) =>
      onOff(
        v,
        {
          zh: '支持变更备案主体（名称与证件号同时变更）',
          en: 'The subject may be replaced (name and number changed together)',
        },
        {
          zh: '不支持变更备案主体（名称与证件号同时变更）',
          en: 'The subject cannot be replaced (name and number changed together)',
        },
      ),
  },
  minorPrincipal: {
    rule: 'R-SUB-012',
    text: (v) =>
      v === 'REJECT'
        ? { zh: '主体负责人须年满十八周岁', en: 'The subject principal must be 18 or older' }
        : v === 'SUPPLEMENT'
          ? {
              zh: '主体负责人未满十八周岁时，初审会通知补交材料（如监护人同意书）',
              en: 'A principal under 18 must supply extra materials (e.g. guardian consent) at initial review',
            }
          : { zh: '主体负责人无年龄限制', en: 'No age limit for the subject principal' },
  },
  allowNonLocalPersonal: {
    rule: 'R-SUB-008',
    text: (v) =>
      onOff(
        v,
        {
          zh: '外省个人凭本省居住证可在本省备案',
          en: 'Individuals from other provinces may file here with a residence permit issued here',
        },
        { zh: '个人须在身份证所在省份备案', en: 'Individuals must file in the province of their ID card' },
      ),
  },
  mobileMustBeLocal: {
    rule: 'R-SUB-016',
    text: (v) =>
      onOff(
        v,
        { zh: '负责人手机号须为本省号码', en: 'Principal mobiles must be numbers of this province' },
        { zh: '负责人手机号可为外省号码', en: 'Principal mobiles may be from any province' },
      ),
  },
  landlineUniquePerSubject: {
    rule: 'R-SUB-020',
    text: (v) =>
      onOff(
        v,
        { zh: '一个固定电话只能用于一个备案主体', en: 'A landline may be used by one subject only' },
        { zh: '固定电话可用于多个备案主体', en: 'A landline may be used by several subjects' },
      ),
  },
  mobileSamePersonException: {
    rule: 'R-SUB-019',
    text: (v) =>
      onOff(
        v,
        {
          zh: '一个手机号只能备案一个主体（同一负责人本人除外）',
          en: 'A mobile may serve one subject only, except for the same person',
        },
        { zh: '一个手机号只能备案一个主体，无例外', en: 'A mobile may serve one subject only, without exception' },
      ),
  },
  bbsSuspended: {
    rule: 'R-PRE-006',
    text: (v) =>
      onOff(
        v,
        { zh: '已停止办理论坛类网站备案', en: 'Forum websites are no longer accepted' },
        { zh: '单位凭电子公告服务前置审批可备案论坛', en: 'Organisations may file forums with a BBS pre-approval' },
      ),
  },
  individualBusinessSealRequired: {
    rule: 'R-MAT-010',
    text: (v) =>
      onOff(
        v,
        { zh: '个体工商户核验单必须盖章', en: "An individual business's verification sheet must be sealed" },
        {
          zh: '个体工商户无公章时，在网站备注中注明「个体工商户无公章」即可',
          en: 'An individual business without a seal writes 「个体工商户无公章」 in the website remark',
        },
      ),
  },
  checkUnusedFiledSites: {
    rule: 'R-ORD-031',
    text: (v) =>
      onOff(
        v,
        {
          zh: '新增网站时管局会核查已备案但未使用的网站',
          en: 'New websites are refused while filed websites are unused',
        },
        {
          zh: '新增网站时不核查已备案网站是否在使用',
          en: 'Filed websites are not checked for use when adding websites',
        },
      ),
  },
  checkUnreachableFiledSites: {
    rule: 'R-ORD-031',
    text: (v) =>
      onOff(
        v,
        {
          zh: '新增网站时管局会核查已备案网站能否访问',
          en: 'New websites are refused while filed websites are unreachable',
        },
        {
          zh: '新增网站时不核查已备案网站能否访问',
          en: 'Filed websites are not checked for reachability when adding websites',
        },
      ),
  },
  commercialAssistance: {
    rule: 'R-PRV-024',
    text: (v) =>
      v.scope === 'none'
        ? { zh: '暂不提供经营性备案协助', en: 'No assistance with the commercial licence' }
        : v.scope === 'province'
          ? {
              zh: '可协助办理经营性备案（提供接入商资质证明）',
              en: 'Assistance with the commercial licence is available',
            }
          : {
              zh: `仅${v.cities.join('、')}地区可协助办理经营性备案`,
              en: `Assistance with the commercial licence is available in ${v.cities.join(', ')} only`,
            },
  },
};

function describe<K extends ProvinceRuleKey>(key: K, rules: ProvinceRules): RequirementLine {
  const d = describers[key];
  const value = rules[key];
  const national = key === 'certRenewalGroup' ? value : PROVINCE_DEFAULTS[key as Exclude<K, 'certRenewalGroup'>];
  return {
    key,
    rule: d.rule,
    special: JSON.stringify(value) !== JSON.stringify(national),
    text: d.text(value, rules),
  };
}

/** The page model of one province: every key as a sentence, the province's own rules first. */
export function provinceRequirementsPage(
  province: ProvinceName,
  table: ProvinceTable = provinceTable,
  version: string = PROVINCE_TABLE_VERSION,
): ProvinceRequirementsPage {
  const rules = provinceRulesFor(province, table);
  const lines = PROVINCE_RULE_KEYS.map((k) => describe(k, rules));
  // Stable: within each group the catalogue order of R-PRV-001 is kept.
  lines.sort((a, b) => Number(b.special) - Number(a.special));
  return {
    province,
    abbreviation: rules.abbreviation,
    filingNumberExample: `${rules.abbreviation}ICP备18000001号-1`,
    version,
    lines,
  };
}

export function allProvinceRequirementsPages(
  table: ProvinceTable = provinceTable,
  version: string = PROVINCE_TABLE_VERSION,
): ProvinceRequirementsPage[] {
  return PROVINCE_NAMES.map((p) => provinceRequirementsPage(p, table, version));
}
