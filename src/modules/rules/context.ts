import type {
  Address,
  CertificateType,
  OrderType,
  PreApproval,
  Province,
  ServiceContent,
  SubjectType,
} from './draft.ts';
import type { ProvinceTable } from './provinces/types.ts';

/**
 * Everything a rule needs from outside the draft, as plain data, so the same check runs in the browser and on the
 * server (DESIGN decision 2). The server fills it from the database and adapters; the browser fills what it knows.
 * A fact left `undefined` means "not known here": rules that need it stay silent rather than guess.
 */

/** A server of the provider's inventory, as the filing rules see it (R-ACC-007..013). */
export interface ServerFacts {
  id: string;
  /** Region code, e.g. 'ap-guangzhou', 'ap-hongkong'. */
  region: string;
  /** Whether the region is inside mainland China (the resources module owns the region table). */
  mainland: boolean;
  billing: 'PREPAID' | 'PAY_AS_YOU_GO';
  /** Start of the first prepaid term (civil date). */
  purchasedOn: string;
  /** Current expiry (civil date); the server is expired from this day on. */
  expiresOn: string;
  /** Total purchased prepaid months including renewals, when the billing system states it (R-ACC-009). */
  prepaidMonths?: number;
  publicIpv4?: string | null;
  loadBalancer?: boolean;
  /** When the inventory sync made the server usable for filing (R-ACC-012), ISO date-time. */
  usableFrom?: string;
  /** Lifetime number of authorisation codes generated for it (R-ACC-018). */
  authCodesGenerated?: number;
  accountId?: string;
}

export type AuthCodeState = 'AVAILABLE' | 'RESERVED' | 'CONSUMED' | 'INVALID';

/** The authorisation code entered in the draft, as looked up (R-ACC-020..023). */
export interface AuthCodeFacts {
  code: string;
  state: AuthCodeState;
  /** The order holding a RESERVED code. */
  reservedByOrderId?: string | null;
  server: ServerFacts;
  generatedByAccountId?: string;
}

/** Registrar-adapter facts about a registrable domain (R-WEB-007..014). */
export interface DomainFacts {
  registrar?: string;
  /** The registrar is qualified in mainland China (R-WEB-007). */
  domesticQualified?: boolean;
  /** Date real-name verification completed at the registrar; null = not verified (R-WEB-009). */
  realNameVerifiedOn?: string | null;
  registrantType?: 'PERSONAL' | 'ORGANISATION';
  registrantName?: string;
  privacyProtection?: boolean;
  /** The registration has lapsed (R-CHG-015). */
  expired?: boolean;
}

/** A principal as recorded at the bureau (filed, or in an in-flight order anywhere), for uniqueness rules. */
export interface PrincipalRecord {
  name: string;
  certificateNumber: string;
  certificateValidTo?: string;
  mobile?: string;
  officePhone?: string;
  email?: string;
}

export type SubjectFlag = 'PRINCIPAL_ID_EXPIRED' | 'CERT_UPDATE_PENDING';
export type WebsiteFlag = 'PRE_APPROVAL_EXPIRED' | 'PRINCIPAL_ID_EXPIRED';

/** A filed subject (R-BUR), with where it is bound on this platform. */
export interface RegistrySubject {
  /** e.g. 粤ICP备18000001号 */
  filingNumber: string;
  type: SubjectType;
  name: string;
  certificateType: CertificateType;
  /** The number on the bureau record (may be an old registration number). */
  certificateNumber: string;
  /** The organisation's current number when known to differ, e.g. its USCC (R-SUB-004). */
  latestCertificateNumber?: string;
  province: Province;
  /** Account on this platform the subject is bound to, and its UIN for the masked hint (R-ACC-004). */
  accountId?: string | null;
  accountUin?: string | null;
  /** At least one of its websites is accessed at this provider (the `with-subject` variant). */
  accessedHere: boolean;
  communicationAddress?: Address;
  principal?: PrincipalRecord;
  flags?: SubjectFlag[];
}

/** A filed website. */
export interface RegistryWebsite {
  /** e.g. 粤ICP备18000001号-1 */
  filingNumber: string;
  subjectFilingNumber: string;
  name: string;
  domains: string[];
  serviceContent?: ServiceContent;
  preApprovalCategories?: PreApproval['category'][];
  preApprovals?: PreApproval[];
  principal?: PrincipalRecord;
  accessedHere: boolean;
  /** Number of other providers with an access record (R-BUR-021). */
  otherAccessProviders?: number;
  flags?: WebsiteFlag[];
  /** Last content probe of the home page (R-PRE-013, R-EXT-012); reachable=false never counts as missing. */
  probe?: { reachable: boolean; filingNumberShown?: boolean; cultureLicenceShown?: boolean };
}

/** Where a person's mobile, landline or website-principal role is already used (R-SUB-019, -020, -023). */
export interface PrincipalUse {
  subjectCertificateNumber: string;
  subjectName: string;
  subjectType: SubjectType;
  role: 'SUBJECT' | 'WEBSITE';
  name: string;
  certificateNumber: string;
  mobile?: string;
  officePhone?: string;
}

/** A non-terminal order, here or (as the bureau reports) at another provider (R-ORD-007..009). */
export interface OpenOrderFacts {
  id: string;
  provider: 'HERE' | 'OTHER';
  accountId?: string | null;
  /** The account's public number, shown masked in R-ACC-004's message (the id is internal). */
  accountUin?: string | null;
  orderType: OrderType;
  /** §17 state here; 'IN_FLIGHT' for another provider's order. */
  state: string;
  atBureau: boolean;
  subjectCertificateNumber?: string;
  subjectName?: string;
  domains: string[];
}

/** Working-day calendar as data (R-ORD-035): days off on weekdays and make-up workdays on weekends. */
export interface CalendarData {
  holidays: readonly string[];
  makeupWorkdays: readonly string[];
}

export interface CheckConfig {
  /** Bureau-approved suffixes, rightmost label without the dot (R-WEB-005); default `data/suffixes.ts`. */
  approvedSuffixes?: readonly string[];
  /** Supported mobile prefixes (R-SUB-018), 3 digits; default `data/mobile-segments.ts`. */
  supportedMobilePrefixes?: readonly string[];
  /** Minutes a new server takes to become usable (R-ACC-012); default 30. */
  resourceSyncDelayMinutes?: number;
}

export interface CheckContext {
  /** Civil date in Beijing, 'YYYY-MM-DD'. */
  today: string;
  /** Current instant, ISO 8601, for sub-day rules (R-ACC-012). Optional: those rules stay silent without it. */
  now?: string;
  ruleSetVersion: string;
  /** The province rule table in force today (R-PRV-001). */
  provinces: ProvinceTable;
  /** The order being checked, so that its own reservations and its own open state are not counted against it. */
  orderId?: string;
  account: {
    id: string;
    uin?: string;
    /** The subject the account is bound to (filed, or present in any of its orders), if any (R-ACC-001). */
    subject?: {
      certificateType?: CertificateType;
      certificateNumber: string;
      name?: string;
      type?: SubjectType;
    } | null;
  };
  /** The account's servers; undefined = not looked up. */
  servers?: ServerFacts[];
  /** The looked-up authorisation code: undefined = not looked up; null = no such code (R-ACC-023). */
  authCode?: AuthCodeFacts | null;
  registry?: {
    subjects: RegistrySubject[];
    websites: RegistryWebsite[];
    principals?: PrincipalUse[];
  };
  openOrders?: OpenOrderFacts[];
  /** Registrar facts keyed by registrable domain (punycode). */
  domains?: Readonly<Record<string, DomainFacts>>;
  /** Mobile numbers verified by SMS code in this session (R-SUB-017); undefined = not checked here. */
  verifiedMobiles?: readonly string[];
  /** Number-segment attribution of mobiles (R-SUB-016), from an attribution adapter. */
  mobileProvinces?: Readonly<Record<string, Province>>;
  calendar?: CalendarData;
  config?: CheckConfig;
}
