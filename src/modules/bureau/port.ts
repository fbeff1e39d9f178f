import type { UnfiledSiteEntry, UnfiledSiteHandling } from '../access/provider-blocks.ts';
import type { FilingDraft, OrderType, Principal, Province, Subject, Website } from '../rules/draft.ts';

/**
 * The bureau as the rest of the platform sees it (R-BUR-001): submit an order, poll what the bureau sent back, the
 * filing-password functions, the status query, the approved suffixes and third-party cancellation requests. The MIIT
 * adapter (`miit-adapter.ts`) implements it over the enterprise interface V3.0; nothing outside this module knows
 * about SOAP, XSD paths or code tables.
 */

/** A filed website as the registry holds it: what a change, access or cancellation order refers to. */
export interface TargetWebsite {
  filingNumber: string;
  /** The bureau's Wzid. */
  bureauId: number;
  /** Current data, in draft shape (for BGBA, which restates the whole record). */
  data: Website;
  /** This provider's access record (Jrid), when accessed here. */
  accessBureauId: number | null;
  /** Bureau ids of the filed domains (Ymid), by domain as filed. */
  domainIds: Readonly<Record<string, number>>;
}

/** The filed subject an order acts on, from the registry. */
export interface TargetSubject {
  filingNumber: string;
  /** The bureau's Ztid. */
  bureauId: number;
  province: Province;
  subject: Subject;
  principal: Principal;
  websites: TargetWebsite[];
}

/** Everything needed to build one order's upload. */
export interface BureauSubmission {
  orderId: string;
  orderType: OrderType;
  /** Provider-side record id base (IspZtid …), unique per submission; keeps the upload bytes reproducible. */
  ref: number;
  draft: FilingDraft;
  /** The filed subject for every type except FIRST (and an ADD_WEBSITE/ACCESS of a subject unknown here). */
  target: TargetSubject | null;
  /** Base64 JPG scans of pre-approval documents by approval number (Nrlx Spwj); without one the approval is not sent. */
  preApprovalScans?: Readonly<Record<string, string[]>>;
  /** R-BUR-005: in memory only, for ACCESS and CANCEL_SUBJECT; never stored or logged. */
  filingPassword?: string;
}

export interface SubmitReceipt {
  fileName: string;
  dataSequence: number;
  payloadSha256: string;
  /** The bureau already had this file (an answer lost before a crash): nothing was sent twice. */
  alreadyAccepted: boolean;
  /** How the bureau's results will name this submission: `Czlx:Bs` per record. */
  resultKeys: string[];
}

/** One field-level finding of the bureau. */
export interface BureauFinding {
  /** Section 3-5 result code (Jgdm). */
  code: number;
  /** The R-REJ-007 reason, from the code table or the bureau's description. */
  reason: string;
  /** Element path inside the submitted record, with indices where the bureau gave them. */
  xsdPath?: string;
  /** The bureau's own words (relayed verbatim, R-REJ-004). */
  text: string;
}

export interface BureauResult {
  /** `Czlx:Bs`, matched against SubmitReceipt.resultKeys. */
  key: string;
  approved: boolean;
  findings: BureauFinding[];
  /** 管局审核意见. */
  opinion?: string;
  reviewedOn?: string;
}

/** A filed record as the bureau publishes it (BASJ), with the provider's own ids where it submitted it. */
export interface FiledRecord {
  subject: {
    bureauId: number;
    ispRef?: number;
    filingNumber: string;
    name: string;
    nature?: number;
    certificateCode: number;
    certificateNumber: string;
    province?: Province;
    firstFiledOn: string;
  };
  websites: {
    bureauId: number;
    ispRef?: number;
    filingNumber: string;
    name: string;
    domains: { bureauId: number; domain: string }[];
    access: { bureauId: number; providerId: number; ispRef?: number; ips: string[] }[];
    filedOn?: string;
  }[];
}

export interface Cancellation {
  level: 'SUBJECT' | 'WEBSITE';
  bureauId: number;
  /** R-BUR-016 reason when the bureau initiated it. */
  reason?: string;
}

export interface BlacklistEntry {
  kind: 'SUBJECT' | 'WEBSITE';
  operation: 'ADD' | 'UPDATE' | 'REMOVE';
  name: string;
  certificateNumber?: string;
  domains?: string[];
  /** Bz: the bureau's remark (the simulator writes the cancellation reason). */
  note?: string;
}

/**
 * One finding of the bureau's checks of this provider's records (HCJG 核查结果): an access check (Jrhc: 1 多报 = an
 * access record reported here whose domain does not resolve here; 2 少报 = a filed domain served from this provider's
 * IPs without an access record here), a subject check (Zthc), a shell check (Kkwzhc: 0 存活 / 1 死亡) or a site probe
 * (Wzch).
 */
export interface AccessCheckFinding {
  kind:
    | 'ACCESS_OVER_REPORTED'
    | 'ACCESS_UNDER_REPORTED'
    | 'SUBJECT_CHECK'
    | 'SHELL_ALIVE'
    | 'SHELL_DEAD'
    | 'SITE_PROBE';
  /** Wzid (website checks) or Ztid (SUBJECT_CHECK). */
  bureauId: number;
  /** Wz_Baxh, the website's filing number (website checks). */
  websiteNumber?: string;
  /** Ym: the domain found served here (ACCESS_UNDER_REPORTED). */
  domain?: string;
  /** Jxip: the IP the domain resolved to. */
  resolvedIp?: string;
  /** Bbisp: the provider that reported the website's access. */
  reportingProvider?: number;
  /** Jrid: the access record concerned. */
  accessBureauId?: number;
  /** Subject checks: Dwmc, the certificate number as the bureau holds it, Cwyy. */
  subjectName?: string;
  certificateNumber?: string;
  error?: string;
  homepage?: string;
  checkedAt?: string;
  note?: string;
}

/** One downloaded file, decoded into what the platform acts on. */
export interface BureauInbound {
  fileName: string;
  payloadSha256: string;
  results: BureauResult[];
  filed: FiledRecord[];
  cancellations: Cancellation[];
  blacklist: BlacklistEntry[];
  /** HCJG: the bureau's check findings about this provider's records. */
  accessChecks?: AccessCheckFinding[];
  /** WBAWZLB: unfiled sites the bureau found on this provider's network. */
  unfiledSites?: UnfiledSiteEntry[];
  /** Message types the platform does not act on (XGTZ, HSRW, FFJRHMD …): recorded, acknowledged. */
  other: string[];
}

export type StatusQuery = { domain: string } | { conditionType: number; certificateNumber: string };

export type BureauStatus =
  | { filed: true; subjectFilingNumber?: string; websiteFilingNumber?: string; websiteName?: string }
  | { filed: false };

/** A public-query record from the bureau's portal (the fields of R-BUR-012). */
export interface PortalRecord {
  subjectName: string;
  subjectType: string;
  subjectFilingNumber: string;
  websiteName: string;
  websiteFilingNumber: string;
  domains: string[];
  approvedOn: string;
}

export interface PasswordRetrieval {
  province: Province;
  filingNumber: string;
  certificateType: string;
  certificateNumber: string;
}

/**
 * A filed subject as its own record shows it (the portal, signed in with the filing number and password), in draft
 * shape: what an ACCESS order copies read-only (R-ORD-032a, R-SUB-029).
 */
export interface BureauRecord {
  filingNumber: string;
  province: Province;
  subject: Subject;
  principal: Principal;
  websites: (Website & { filingNumber: string; accessProviders: number[] })[];
}

/** Applications in flight at the bureau through any provider (R-ORD-008/009). */
export interface BureauInFlight {
  subject: boolean;
  /** The registrable domains of the question that are in an application in flight. */
  domains: string[];
}

export interface BureauPort {
  submit(s: BureauSubmission): Promise<SubmitReceipt>;
  /** Downloads every waiting file; each is acknowledged only after `handle` resolved (a crash re-delivers it). */
  poll(handle: (inbound: BureauInbound) => Promise<void>): Promise<number>;
  verifyFilingPassword(filingNumber: string, password: string): Promise<boolean>;
  /** R-BUR-006: FILING_PASSWORD_WRONG when the current password is wrong. */
  changeFilingPassword(input: { filingNumber: string; oldPassword: string; newPassword: string }): Promise<void>;
  /** R-BUR-007: the bureau sends the password to the principal; RETRIEVAL_DATA_MISMATCH otherwise. */
  retrieveFilingPassword(input: PasswordRetrieval): Promise<void>;
  /** R-BUR-009: the mailed form; ONLINE_RETRIEVAL_ONLY where the province allows online retrieval only. */
  requestOfflineRetrieval(
    input: PasswordRetrieval & { contactPhone: string },
  ): Promise<{ requestId: string; dueOn: string }>;
  status(q: StatusQuery): Promise<BureauStatus>;
  /** The bureau's public query (domain, filing number, subject name or certificate number). */
  publicQuery(q: { domain?: string; number?: string; subject?: string; cert?: string }): Promise<PortalRecord[]>;
  /** R-ORD-032: the subject's record behind its filing (or website) number; FILING_PASSWORD_WRONG otherwise. */
  fetchRecord(filingNumber: string, password: string): Promise<BureauRecord>;
  /** R-ORD-008/009: whether the certificate or any of the domains is in an application in flight at the bureau. */
  inFlight(q: { certificateNumber?: string; domains: string[] }): Promise<BureauInFlight>;
  /** R-BUR-015: the approved suffixes (基础代码查询 > 域名类型). */
  approvedSuffixes(): Promise<string[]>;
  /**
   * WBACLJG: how the unfiled sites of a WBAWZLB list were handled, reported back (spec 4-1 未备案网站处理结果).
   * Optional: a port without it leaves the handling recorded and unreported.
   */
  reportUnfiledHandling?(lines: readonly UnfiledSiteHandling[]): Promise<{ fileName: string }>;
  /** R-BUR-019: a domain holder asks the bureau to cancel someone else's filing of the domain. */
  requestThirdPartyCancellation(input: {
    domain: string;
    requesterName: string;
    explanation: string;
  }): Promise<{ requestId: string }>;
}
