/**
 * Types of the per-province rule set (R-PRV-001). Every province-dependent behaviour of the platform reads one of
 * these keys; nothing outside `provinces/table.ts` may branch on a province name.
 */

/** The 31 mainland provincial-level divisions, in the order of requirements.md §0.2. */
export const PROVINCE_NAMES = [
  '北京',
  '天津',
  '河北',
  '山西',
  '内蒙古',
  '辽宁',
  '吉林',
  '黑龙江',
  '上海',
  '江苏',
  '浙江',
  '安徽',
  '福建',
  '江西',
  '山东',
  '河南',
  '湖北',
  '湖南',
  '广东',
  '广西',
  '海南',
  '重庆',
  '四川',
  '贵州',
  '云南',
  '西藏',
  '陕西',
  '甘肃',
  '青海',
  '宁夏',
  '新疆',
] as const;

export type ProvinceName = (typeof PROVINCE_NAMES)[number];

/**
 * The one-character prefix of MIIT filing numbers (京ICP备…号), §10.1 / R-BUR-003. Where a province has two
 * customary abbreviations the filing numbers use 蜀 (四川), 黔 (贵州), 滇 (云南) and 陇 (甘肃).
 */
export type FilingAbbreviation =
  | '京'
  | '津'
  | '冀'
  | '晋'
  | '蒙'
  | '辽'
  | '吉'
  | '黑'
  | '沪'
  | '苏'
  | '浙'
  | '皖'
  | '闽'
  | '赣'
  | '鲁'
  | '豫'
  | '鄂'
  | '湘'
  | '粤'
  | '桂'
  | '琼'
  | '渝'
  | '蜀'
  | '黔'
  | '滇'
  | '藏'
  | '陕'
  | '陇'
  | '青'
  | '宁'
  | '新';

/** Certificate-renewal groups (R-PRV-010 / R-PRV-011). */
export type CertRenewalGroup = 'A' | 'B';

/**
 * The group per order type. The groups only govern which certificate may be uploaded while the bureau record still
 * holds the old number (R-SUB-005), which happens for `ADD_WEBSITE` and `ACCESS` only; 江苏 is the one province where
 * the two differ.
 */
export interface CertRenewalGroups {
  ADD_WEBSITE: CertRenewalGroup;
  ACCESS: CertRenewalGroup;
}

/** What the remark must state when an organisation's office phone is a mobile number (R-PRV-004..006). */
export type OfficeMobileRemarkElement = 'name' | 'jobTitle';

/** R-SUB-012: the treatment of a subject principal under 18. */
export type MinorPrincipalPolicy = 'REJECT' | 'SUPPLEMENT' | 'ALLOW';

/** The order types that may be made to need the 新疆 party-building certificate (R-PRV-019). */
export type PartyProofOrderType = 'FIRST' | 'ADD_WEBSITE' | 'ACCESS';

/**
 * A province's domain-suffix whitelist (R-PRV-013). `suffixes` are rightmost labels without the dot
 * (`com`, `中国`); `anyChineseSuffix` admits every Chinese-character suffix, whose national approval is R-WEB-005's job.
 */
export interface SuffixWhitelist {
  suffixes: readonly string[];
  anyChineseSuffix: boolean;
}

/**
 * R-PRV-024 / R-EXT-004: whether the provider helps with the commercial licence. `cities` limits it to subjects in
 * those cities of the province (广东: 广州 and 深圳).
 */
export type CommercialAssistance =
  | { scope: 'none' }
  | { scope: 'province' }
  | { scope: 'cities'; cities: readonly string[] };

/** The keys named by R-PRV-001, with their value types. */
export interface ProvinceRuleValues {
  /** R-PRV-002 / R-ORD-022: bureau decision time in working days. */
  bureauWorkingDays: number;
  /** R-PRV-003 / R-SUB-015: an organisation's office phone must be a fixed line with area code. */
  orgLandlineRequired: boolean;
  /** R-PRV-004..006: what the remark must state when an organisation's office phone is a mobile; empty = nothing. */
  mobileAsOfficePhoneRemark: readonly OfficeMobileRemarkElement[];
  /** R-PRV-007: an organisation principal's office phone must differ from that principal's mobile. */
  officePhoneDiffersFromPrincipalMobile: boolean;
  /** R-PRV-008 / R-SUB-025: an organisation website principal who is not the legal rep needs a 法人授权书. */
  legalRepAuthLetterIfNotLegalRep: boolean;
  /** R-PRV-009 / R-WEB-013 / R-WEB-014: domain owner must equal the subject name, privacy protection off. */
  domainOwnerMustMatch: boolean;
  /** R-PRV-010 / R-PRV-011. */
  certRenewalGroup: CertRenewalGroups;
  /** R-PRV-012: only the latest 三证合一 licence is accepted, for every order type. */
  latestCertOnly: boolean;
  /** R-PRV-013: `null` = no province whitelist (only the national approved list, R-WEB-005). */
  allowedSuffixes: SuffixWhitelist | null;
  /** R-PRV-014 / R-MAT-011: every domain on the verification sheet is followed by its registrar. */
  sheetRegistrarRemark: boolean;
  /** R-PRV-015 / R-MAT-005: an organisation's handheld photo must show the licence duplicate (副本). */
  handheldLicenceCopyOnly: boolean;
  /** R-PRV-016 / R-MAT-021(f): clothing in the curtain photo must suit the season. */
  seasonalClothing: boolean;
  /** R-PRV-017 / R-MAT-013: a personal subject's sheet carries the website principal's fingerprint. */
  personalFingerprint: boolean;
  /** R-PRV-018: the text printed on this province's curtain (provider configuration). */
  curtainText: string;
  /** R-PRV-019: order types that need the party-building certificate; empty = none. */
  partyBuildingProof: readonly PartyProofOrderType[];
  /** R-PRV-020: internet-finance websites need the 《承诺书》 package. */
  financeUndertaking: boolean;
  /** R-PRV-021: game/culture content only via a later CHANGE_WEBSITE with the 文网文. */
  gameViaChangeOnly: boolean;
  /** R-PRV-022 / R-BUR-009: the filing password can be retrieved online only. */
  passwordOnlineOnly: boolean;
  /** R-PRV-023 / R-SUB-028: a foreign legal rep must delegate the principal role to a PRC citizen. */
  foreignLegalRepMustDelegate: boolean;
  /** R-CHG-006: the same organisation may change its certificate number. */
  certNumberChangeAllowed: boolean;
  /** R-CHG-006: a CHANGE_SUBJECT may replace the subject (name and number together). */
  subjectReplaceAllowed: boolean;
  /** R-SUB-012. */
  minorPrincipal: MinorPrincipalPolicy;
  /** R-SUB-008: a personal subject may file here with a residence permit issued here. */
  allowNonLocalPersonal: boolean;
  /** R-SUB-016: principal mobiles must belong to this province. */
  mobileMustBeLocal: boolean;
  /** R-SUB-020: an office landline may be used by one subject only. */
  landlineUniquePerSubject: boolean;
  /** R-SUB-019: a mobile may recur across subjects when held by the same natural person. */
  mobileSamePersonException: boolean;
  /** R-PRE-006: no forum websites at all. */
  bbsSuspended: boolean;
  /** R-MAT-010: an individual business must seal the sheet even without an official seal. */
  individualBusinessSealRequired: boolean;
  /** R-ORD-031 (bureau). */
  checkUnusedFiledSites: boolean;
  /** R-ORD-031 (bureau). */
  checkUnreachableFiledSites: boolean;
  /** R-PRV-024 / R-EXT-004. */
  commercialAssistance: CommercialAssistance;
}

export type ProvinceRuleKey = keyof ProvinceRuleValues;

/** One province's row: identity plus the rule set. */
export interface ProvinceRules extends ProvinceRuleValues {
  name: ProvinceName;
  /** Filing-number prefix (§10.1). */
  abbreviation: FilingAbbreviation;
}

export type ProvinceTable = Readonly<Record<ProvinceName, ProvinceRules>>;

/**
 * An operator's change to one key of one province, in force from `effectiveFrom` (a Beijing civil date). `value` is
 * `unknown` because it arrives from the admin API; `applyOverrides` checks it against the key.
 */
export interface ProvinceOverride {
  province: ProvinceName;
  key: ProvinceRuleKey;
  value: unknown;
  effectiveFrom: string;
  /** Where the change comes from, e.g. a bureau notice; shown on the requirements page and in audits. */
  source: string;
  version?: string;
}
