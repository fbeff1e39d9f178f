import { type Static, Type } from 'typebox';
import { PROVINCE_NAMES, type ProvinceName } from './provinces/types.ts';

/**
 * The filing order as the customer fills it in (requirements.md §0.3, §2–§5). Every field is optional, because the
 * console checks a half-filled draft while the customer types; the rules say what is missing. The same schema
 * validates HTTP bodies and runs in the browser, so it holds no logic and imports nothing from node.
 */

export const ORDER_TYPES = [
  'FIRST',
  'ADD_WEBSITE',
  'ACCESS',
  'CHANGE_SUBJECT',
  'CHANGE_WEBSITE',
  'CHANGE_ACCESS',
  'CANCEL_SUBJECT',
  'CANCEL_WEBSITE',
  'CANCEL_ACCESS',
] as const;
export type OrderType = (typeof ORDER_TYPES)[number];

/** The 31 mainland provincial-level divisions (§0.2); one list, kept with the province table. */
export const PROVINCES = PROVINCE_NAMES;
export type Province = ProvinceName;

/** R-SUB-001. OTHER_ORG covers government bodies, social organisations, foundations, law firms and the like. */
export const SUBJECT_TYPES = [
  'PERSONAL',
  'ENTERPRISE',
  'INDIVIDUAL_BUSINESS',
  'PUBLIC_INSTITUTION',
  'OTHER_ORG',
] as const;
export type SubjectType = (typeof SUBJECT_TYPES)[number];

/**
 * Certificate kinds for subjects and principals. `FOREIGN_REGISTRATION` exists only so that a foreign company's
 * certificate can be refused with a helpful message (R-SUB-001); no subject type offers it.
 */
export const CERTIFICATE_TYPES = [
  'RESIDENT_ID',
  'PASSPORT',
  'HK_MACAO_PERMIT',
  'TAIWAN_PERMIT',
  'FOREIGN_PERMANENT_RESIDENT_ID',
  'USCC_LICENCE',
  'BUSINESS_REGISTRATION',
  'ORGANIZATION_CODE',
  'INSTITUTION_CERT',
  'SOCIAL_ORG_CERT',
  'GOVERNMENT_USCC',
  'PRIVATE_NON_ENTERPRISE_CERT',
  'FOUNDATION_CERT',
  'LAW_FIRM_LICENCE',
  'RELIGIOUS_ORG_CERT',
  'FOREIGN_REGISTRATION',
] as const;
export type CertificateType = (typeof CERTIFICATE_TYPES)[number];

/** R-PRE-001: the pre-approval selector (plus 「以上都不涉及」, which is an empty selection). */
export const PRE_APPROVAL_CATEGORIES = [
  'NEWS',
  'PUBLISHING',
  'EDUCATION',
  'MEDICAL',
  'DRUGS_DEVICES',
  'BBS',
  'CULTURE',
  'RADIO_FILM_TV',
  'ONLINE_GAMES',
] as const;
export type PreApprovalCategory = (typeof PRE_APPROVAL_CATEGORIES)[number];

/** R-WEB-016: 综合门户, 单位门户网站, 其他, or a pre-approval category. */
export const SERVICE_CONTENTS = ['COMPREHENSIVE_PORTAL', 'ORG_PORTAL', 'OTHER', ...PRE_APPROVAL_CATEGORIES] as const;
export type ServiceContent = (typeof SERVICE_CONTENTS)[number];

/** R-WEB-018: the nature of a website. Personal subjects may pick only the PERSONAL_* natures. */
export const WEBSITE_NATURES = [
  'PERSONAL_BLOG',
  'PERSONAL_SPACE',
  'PERSONAL_OTHER',
  'ORGANISATION',
  'ENTERPRISE',
  'FORUM',
  'COMMERCIAL',
] as const;
export type WebsiteNature = (typeof WEBSITE_NATURES)[number];

/** R-EXT-008: the seven 文网文 activity categories. */
export const CULTURE_ACTIVITIES = [
  'MUSIC',
  'GAMES',
  'ARTWORK',
  'PERFORMANCE',
  'ANIMATION',
  'INTERNET_CAFE',
  'EXHIBITION',
] as const;
export type CultureActivity = (typeof CULTURE_ACTIVITIES)[number];

/** Content the customer declares because a rule depends on it (R-PRE-007 adult products, R-PRV-020 finance). */
export const CONTENT_TAGS = ['ADULT_PRODUCTS', 'INTERNET_FINANCE', 'ONLINE_GAMES', 'FORUM', 'ECOMMERCE'] as const;
export type ContentTag = (typeof CONTENT_TAGS)[number];

/** Upload kinds (R-MAT-002 and the supplementary documents several rules ask for). */
export const MATERIAL_KINDS = [
  'SUBJECT_CERT_FRONT',
  'SUBJECT_CERT_BACK',
  'SUBJECT_PRINCIPAL_ID_FRONT',
  'SUBJECT_PRINCIPAL_ID_BACK',
  'WEBSITE_PRINCIPAL_ID_FRONT',
  'WEBSITE_PRINCIPAL_ID_BACK',
  'VERIFICATION_SHEET',
  'HANDHELD_PHOTO',
  'CURTAIN_PHOTO',
  'PRE_APPROVAL_DOC',
  'NATIONAL_NAME_APPROVAL',
  'FINANCE_APPROVAL',
  'LEGAL_REP_AUTH_LETTER',
  'FOREIGN_REP_AUTHORISATION',
  'RESIDENCE_PERMIT',
  'GUARDIAN_CONSENT',
  'ADULT_MARKET_APPROVAL',
  'ADULT_HEALTH_APPROVAL',
  'GD_FINANCE_UNDERTAKING',
  'GD_BUSINESS_INTRO',
  'GD_WEBSITE_INTRO',
  'LICENCE_COPY',
  'XJ_PARTY_PROOF',
  'CHANGE_LETTER',
  'DOMAIN_CERTIFICATE',
  'SUPPLEMENTARY',
] as const;
export type MaterialKind = (typeof MATERIAL_KINDS)[number];

/** Civil date in Beijing, 'YYYY-MM-DD'. */
const CivilDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: "civil date 'YYYY-MM-DD' (Beijing)" });
/** A certificate's end date, or 'LONG_TERM' (长期) for certificates without an end. */
const ValidTo = Type.String({
  pattern: '^(\\d{4}-\\d{2}-\\d{2}|LONG_TERM)$',
  description: "'YYYY-MM-DD' or 'LONG_TERM'",
});
const ShortText = (maxLength: number, description?: string) => Type.String({ maxLength, description });

export const CertificateTypeSchema = Type.Enum(CERTIFICATE_TYPES);
export const ProvinceSchema = Type.Enum(PROVINCES);

/** A postal address split the way the console's selectors split it. */
export const AddressSchema = Type.Object(
  {
    province: Type.Optional(ShortText(16, 'one of the 31 provinces, or a place outside the mainland')),
    city: Type.Optional(ShortText(32)),
    district: Type.Optional(ShortText(32)),
    detail: Type.Optional(ShortText(200, 'street, house number, building …')),
  },
  { additionalProperties: false },
);

/** Subject principal or website principal (R-SUB-013). */
export const PrincipalSchema = Type.Object(
  {
    name: Type.Optional(ShortText(60)),
    certificateType: Type.Optional(CertificateTypeSchema),
    certificateNumber: Type.Optional(ShortText(40)),
    certificateValidFrom: Type.Optional(CivilDate),
    certificateValidTo: Type.Optional(ValidTo),
    nationality: Type.Optional(ShortText(40, "ISO 3166 alpha-2, e.g. 'CN'")),
    mobile: Type.Optional(ShortText(20)),
    /** 办公电话/座机; a mobile is allowed except where R-SUB-015 / R-PRV-003 forbid it. */
    officePhone: Type.Optional(ShortText(24)),
    email: Type.Optional(ShortText(254)),
    emergencyContact: Type.Optional(
      Type.Object(
        { name: Type.Optional(ShortText(60)), mobile: Type.Optional(ShortText(20)) },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);

export const SubjectSchema = Type.Object(
  {
    type: Type.Optional(Type.Enum(SUBJECT_TYPES)),
    name: Type.Optional(ShortText(100)),
    certificateType: Type.Optional(CertificateTypeSchema),
    /** The number entered at the verify step (for without-subject orders the OLD number, R-SUB-005). */
    certificateNumber: Type.Optional(ShortText(40)),
    /** The number printed on the uploaded certificate, when it differs from the entered one (R-SUB-005). */
    uploadedCertificateNumber: Type.Optional(ShortText(40)),
    certificateValidFrom: Type.Optional(CivilDate),
    certificateValidTo: Type.Optional(ValidTo),
    /** 证件住所 / registered address as printed on the certificate (R-SUB-006, R-SUB-008). */
    certificateAddress: Type.Optional(ShortText(200)),
    /** 通信地址 (R-SUB-007, R-SUB-009). */
    communicationAddress: Type.Optional(AddressSchema),
    /** Organisation: the legal representative named on the certificate (R-SUB-010, R-SUB-028). */
    legalRepresentative: Type.Optional(
      Type.Object(
        {
          name: Type.Optional(ShortText(60)),
          certificateType: Type.Optional(CertificateTypeSchema),
          certificateNumber: Type.Optional(ShortText(40)),
          nationality: Type.Optional(ShortText(40)),
        },
        { additionalProperties: false },
      ),
    ),
    /** Branch company (分公司): the head office and its legal representative (R-SUB-010). */
    branchOf: Type.Optional(
      Type.Object(
        { name: Type.Optional(ShortText(100)), legalRepresentativeName: Type.Optional(ShortText(60)) },
        { additionalProperties: false },
      ),
    ),
    /** A national-level organisation may use 中国/国家 in website names (R-WEB-015 rule 1). */
    nationalLevel: Type.Optional(Type.Boolean()),
    /** Business scope as printed on the licence (R-PRE-007). */
    businessScope: Type.Optional(ShortText(2000)),
    /** 投资人或主管单位. */
    investorOrAuthority: Type.Optional(ShortText(100)),
    /** Individual business (个体工商户) without an official seal (R-MAT-010). */
    hasOfficialSeal: Type.Optional(Type.Boolean()),
    remark: Type.Optional(ShortText(500)),
  },
  { additionalProperties: false },
);

export const PreApprovalSchema = Type.Object(
  {
    category: Type.Optional(Type.Enum(PRE_APPROVAL_CATEGORIES)),
    number: Type.Optional(ShortText(80)),
    authority: Type.Optional(ShortText(100)),
    issueDate: Type.Optional(CivilDate),
    expiryDate: Type.Optional(CivilDate),
    /** True for an online culture business licence 网络文化经营许可证 (R-EXT-007). */
    cultureLicence: Type.Optional(Type.Boolean()),
    activities: Type.Optional(Type.Array(Type.Enum(CULTURE_ACTIVITIES), { maxItems: 7 })),
    /** Blob id of the colour scan. */
    documentBlobId: Type.Optional(ShortText(100)),
  },
  { additionalProperties: false },
);

export const WebsiteSchema = Type.Object(
  {
    /** The filed website this entry refers to (ACCESS, CHANGE_WEBSITE, CANCEL_WEBSITE, CANCEL_ACCESS). */
    filingNumber: Type.Optional(ShortText(40)),
    name: Type.Optional(ShortText(100)),
    domains: Type.Optional(Type.Array(ShortText(253), { maxItems: 64 })),
    homepageUrl: Type.Optional(ShortText(300)),
    serviceContent: Type.Optional(Type.Enum(SERVICE_CONTENTS)),
    nature: Type.Optional(Type.Enum(WEBSITE_NATURES)),
    languages: Type.Optional(Type.Array(ShortText(16), { maxItems: 20 })),
    /** Selected pre-approval categories; empty means 「以上都不涉及」 (R-PRE-001, R-PRE-005). */
    preApprovalCategories: Type.Optional(Type.Array(Type.Enum(PRE_APPROVAL_CATEGORIES), { maxItems: 9 })),
    preApprovals: Type.Optional(Type.Array(PreApprovalSchema, { maxItems: 20 })),
    contentTags: Type.Optional(Type.Array(Type.Enum(CONTENT_TAGS), { maxItems: 10 })),
    /** R-EXT-008: culture activities the site carries out, and whether for profit. */
    cultureActivities: Type.Optional(Type.Array(Type.Enum(CULTURE_ACTIVITIES), { maxItems: 7 })),
    commercialCulture: Type.Optional(Type.Boolean()),
    /** R-SUB-024: while true, the website principal is the subject principal. */
    principalSameAsSubject: Type.Optional(Type.Boolean()),
    principal: Type.Optional(PrincipalSchema),
    /** R-WEB-020: access IPs at this provider and the servers behind them. */
    accessIps: Type.Optional(Type.Array(ShortText(45), { maxItems: 20 })),
    serverIds: Type.Optional(Type.Array(ShortText(64), { maxItems: 20 })),
    /** R-EXT-006. */
    commercialLicensed: Type.Optional(Type.Boolean()),
    icpLicenceNumber: Type.Optional(ShortText(40)),
    remark: Type.Optional(ShortText(500)),
  },
  { additionalProperties: false },
);

/** An uploaded document. Facts a reviewer or OCR establishes about it are optional fields the R-MAT rules read. */
export const MaterialSchema = Type.Object(
  {
    kind: Type.Enum(MATERIAL_KINDS),
    /** Index into `websites` for per-website documents. */
    websiteIndex: Type.Optional(Type.Integer({ minimum: 0, maximum: 63 })),
    blobId: Type.Optional(ShortText(100)),
    fileName: Type.Optional(ShortText(255)),
    mimeType: Type.Optional(ShortText(100)),
    sizeBytes: Type.Optional(Type.Integer({ minimum: 0 })),
    /** Date the photo was taken (curtain photos, R-MAT-024). */
    takenOn: Type.Optional(CivilDate),
    /** Number printed on an uploaded certificate (R-SUB-005, R-PRV-011/012). */
    certificateNumber: Type.Optional(ShortText(40)),
    /** True when the uploaded licence is the merged 三证合一 licence (R-PRV-012). */
    latestCertificate: Type.Optional(Type.Boolean()),
    /** Verification sheet facts (R-MAT-010, R-MAT-011, R-MAT-013). */
    seal: Type.Optional(Type.Enum(['OFFICIAL', 'CONTRACT', 'NONE'] as const)),
    signed: Type.Optional(Type.Boolean()),
    fingerprint: Type.Optional(Type.Boolean()),
    registrarRemarks: Type.Optional(Type.Array(ShortText(200), { maxItems: 20 })),
    /**
     * Handwriting on a verification sheet besides the signature (R-MAT-009): a domain list written into the domain
     * box (R-MAT-008), a province remark (R-MAT-011, R-MAT-013), or anything else (OTHER, a review warning).
     */
    handwrittenMarks: Type.Optional(
      Type.Array(Type.Enum(['DOMAIN_LIST', 'PROVINCE_REMARK', 'OTHER'] as const), { maxItems: 3 }),
    ),
    /** Handheld photo: which copy of the licence is held (R-MAT-005). */
    licenceCopy: Type.Optional(Type.Enum(['DUPLICATE', 'ORIGINAL'] as const)),
    /** Title and text of a document whose wording a rule checks (R-PRV-020 《承诺书》). */
    title: Type.Optional(ShortText(200)),
    text: Type.Optional(ShortText(5000)),
    sealed: Type.Optional(Type.Boolean()),
    signedByLegalRep: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const FilingDraftSchema = Type.Object(
  {
    orderType: Type.Optional(Type.Enum(ORDER_TYPES)),
    /** Filing province (所属区域), Chinese short name. */
    province: Type.Optional(ProvinceSchema),
    city: Type.Optional(ShortText(32)),
    district: Type.Optional(ShortText(32)),
    /** R-ACC-020: an authorisation code from another account, instead of an own server. */
    authCode: Type.Optional(ShortText(64)),
    /** The subject's filing number, for orders on a filed subject (e.g. 粤ICP备18000001号). */
    subjectFilingNumber: Type.Optional(ShortText(40)),
    subject: Type.Optional(SubjectSchema),
    subjectPrincipal: Type.Optional(PrincipalSchema),
    websites: Type.Optional(Type.Array(WebsiteSchema, { maxItems: 64 })),
    materials: Type.Optional(Type.Array(MaterialSchema, { maxItems: 400 })),
    /** R-CHG-017: the customer confirmed the cancellation type by name. */
    cancelConfirmation: Type.Optional(Type.Enum(['CANCEL_SUBJECT', 'CANCEL_WEBSITE', 'CANCEL_ACCESS'] as const)),
  },
  { additionalProperties: false, $id: 'FilingDraft' },
);

export type Address = Static<typeof AddressSchema>;
export type Principal = Static<typeof PrincipalSchema>;
export type Subject = Static<typeof SubjectSchema>;
export type PreApproval = Static<typeof PreApprovalSchema>;
export type Website = Static<typeof WebsiteSchema>;
export type Material = Static<typeof MaterialSchema>;
export type FilingDraft = Static<typeof FilingDraftSchema>;

/** Organisation = every subject type except PERSONAL (R-SUB-001). */
export function isOrganisation(type: SubjectType | undefined): boolean {
  return type !== undefined && type !== 'PERSONAL';
}
