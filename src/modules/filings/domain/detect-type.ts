import {
  checkAccountSubject,
  checkOneOrderInFlight,
  checkSubjectAccount,
  maskAccountId,
  type SubjectKey,
  sameSubject,
} from './limits.ts';
import { ORDER_TYPE_INFO, type OrderType, type OrderVariant } from './order-types.ts';
import { type Refusal, refusal } from './refusals.ts';
import type { OrderState } from './states.ts';

// ---------------------------------------------------------------------------------------------------------------
// Registry facts (plain data the lead gathers from the registry, the bureau adapter and the account)
// ---------------------------------------------------------------------------------------------------------------

export interface EnteredSubject extends SubjectKey {
  /** Subject name as entered (individual's name or organisation name). */
  name: string;
}

/** The subject this account is bound to on the platform (filed, or present in any order), R-ACC-001. */
export interface AccountSubject extends SubjectKey {
  name: string;
  /** At least one of its websites is accessed at this provider (`WITH_SUBJECT`). */
  accessedHere: boolean;
  /** Its bureau record holds an old registration number the organisation has since replaced by a USCC (R-SUB-004/005). */
  oldCertOnRecord: boolean;
}

/** The bureau's record for the entered certificate (subject lookup), plus the platform's flags on that subject. */
export interface SubjectFiling {
  /** Subject filing number, e.g. 粤ICP备18000001号. */
  filingNumber: string;
  subjectName: string;
  /** At least one of its websites is accessed at this provider: the `WITH_SUBJECT` variant. */
  accessedHere: boolean;
  /** The record holds an old registration number (R-SUB-004/005, R-CHG-020 CERT_UPDATE_PENDING). */
  oldCertOnRecord: boolean;
  /** R-SUB-027 PRINCIPAL_ID_EXPIRED. */
  principalIdExpired: boolean;
  /** R-CHG-015: a filed domain the subject no longer holds, and how many websites the subject has. */
  filedDomainNotHeld: { domain: string; websiteCount: number } | null;
}

/** What the bureau knows of one entered domain. */
export interface DomainFiling {
  /** Website filing number, e.g. 浙ICP备18000002号-1. */
  websiteFilingNumber: string;
  /** The filing number of the subject the website belongs to. */
  subjectFilingNumber: string;
  subjectName: string;
  subjectCertNumber: string;
  /** The website has an access record at this provider. */
  accessedHere: boolean;
  /** The platform account that subject is bound to, if any (R-ACC-004's domain variant). */
  subjectBoundAccountId: string | null;
}

export interface DomainFacts {
  /** Registrable domain, normalised (R-WEB-003). */
  domain: string;
  /**
   * In a non-terminal order anywhere except this account: at another provider, or for another subject (R-ORD-009).
   * This account's own orders are caught earlier by the one-order limit (R-ORD-007).
   */
  inFlightElsewhere: boolean;
  filing: DomainFiling | null;
}

export interface VerifyFacts {
  accountId: string;
  accountSubject: AccountSubject | null;
  /** States of this account's orders (R-ORD-007). */
  accountOrderStates: readonly OrderState[];
  entered: EnteredSubject;
  /** The account the entered certificate is bound to on this platform, if any (R-ACC-004). */
  subjectBoundAccountId: string | null;
  /** Bureau lookup by the entered certificate; null when it has no filing anywhere. */
  subjectFiling: SubjectFiling | null;
  /** The subject has an order in flight at the bureau through another provider (R-ORD-008). */
  subjectInFlightElsewhere: boolean;
  /** One entry per entered domain, in the order entered. */
  domains: readonly DomainFacts[];
}

export type DomainClass =
  | { domain: string; type: 'FIRST' | 'ADD_WEBSITE' | 'ACCESS' }
  | { domain: string; error: Refusal };

export interface DetectedType {
  ok: true;
  type: 'FIRST' | 'ADD_WEBSITE' | 'ACCESS';
  variant: OrderVariant | null;
  /** The subject's filing number for ADD_WEBSITE/ACCESS. */
  subjectFilingNumber: string | null;
  /**
   * Data copied read-only from the bureau record: the subject for ADD_WEBSITE (R-ORD-029), subject and websites for
   * ACCESS (R-SUB-029).
   */
  prefill: 'NONE' | 'SUBJECT' | 'SUBJECT_AND_WEBSITES';
  /**
   * R-SUB-005: the entered number is the old one on the bureau record; the order must also record the number printed
   * on the uploaded certificate.
   */
  enteredCertIsOld: boolean;
  domains: readonly DomainClass[];
}

export type VerifyResult = DetectedType | (Refusal & { domains?: readonly DomainClass[] });

// ---------------------------------------------------------------------------------------------------------------
// The verify step, steps 1, 2 and 7 of R-ORD-003
// ---------------------------------------------------------------------------------------------------------------

/**
 * The same organisation, re-registered: same name, and the account's bound record holds the old number that the
 * entered USCC replaced. Not "another subject" for R-ACC-001; R-SUB-004/005 decide instead.
 */
function isRenumberedOwnSubject(bound: AccountSubject | null, entered: EnteredSubject): bound is AccountSubject {
  return !!bound && bound.oldCertOnRecord && bound.name === entered.name && !sameSubject(bound, entered);
}

/**
 * R-ORD-003 step 1 (R-ACC-001/002/004) and step 2 (R-ORD-007). The lead runs steps 3–6 (resources, region, suffix,
 * registrar) after this and before `detectOrderType`, so that the first failure in the catalogue's order is returned.
 */
export function checkBindingAndConcurrency(facts: VerifyFacts): Refusal | null {
  const { entered, accountSubject } = facts;
  if (isRenumberedOwnSubject(accountSubject, entered)) {
    // R-SUB-004: a subject accessed here must first change its record to the new number.
    if (accountSubject.accessedHere) return refusal('CERT_CHANGE_REQUIRED');
  } else {
    const other = checkAccountSubject(accountSubject, entered);
    if (other) return other;
  }
  const bound = checkSubjectAccount(facts.subjectBoundAccountId, facts.accountId);
  if (bound) return bound;
  // R-ACC-004, domain variant: only for the customer's own (same-name) subject, so a stranger's account is never shown.
  for (const d of facts.domains) {
    const f = d.filing;
    if (f && f.subjectName === entered.name && f.subjectBoundAccountId && f.subjectBoundAccountId !== facts.accountId) {
      return refusal('SUBJECT_BOUND_TO_OTHER_ACCOUNT', { account: maskAccountId(f.subjectBoundAccountId) });
    }
  }
  return checkOneOrderInFlight(facts.accountOrderStates);
}

function classifyDomain(d: DomainFacts, facts: VerifyFacts): DomainClass {
  const { domain } = d;
  const subject = facts.subjectFiling;
  if (d.inFlightElsewhere) return { domain, error: refusal('DOMAIN_CONFLICT', { domain }) };
  const f = d.filing;
  if (!f) return { domain, type: subject ? 'ADD_WEBSITE' : 'FIRST' };
  // R-ORD-033(b), R-WEB-004: a differently named subject's domain; its account is never disclosed.
  if (f.subjectName !== facts.entered.name) return { domain, error: refusal('DOMAIN_ALREADY_FILED', { domain }) };
  // R-ORD-005 「情况二」: the same-name subject is on record under its older certificate number.
  if (!subject) {
    return { domain, error: refusal('DOMAIN_ALREADY_FILED', { domain, oldCert: f.subjectCertNumber }, 'CASE_TWO') };
  }
  if (f.subjectFilingNumber !== subject.filingNumber) {
    const filingNumbers = `${subject.filingNumber}、${f.subjectFilingNumber}`;
    return { domain, error: refusal('ACCESS_DATA_INCONSISTENT', { filingNumbers }) };
  }
  if (f.accessedHere) return { domain, error: refusal('ALREADY_ACCESSED', { domain }) };
  return { domain, type: 'ACCESS' };
}

/**
 * R-ORD-003 step 7: the bureau lookup determines the order type (R-ORD-004) — never the customer — and detects
 * conflicts (R-ORD-006/008/009), mixed types (R-ORD-011) and the type's preconditions (R-SUB-004/005/027,
 * R-CHG-015).
 */
export function detectOrderType(facts: VerifyFacts): VerifyResult {
  if (facts.domains.length === 0) return refusal('NO_DOMAINS');
  if (facts.subjectInFlightElsewhere) return refusal('SUBJECT_CONFLICT');
  const subject = facts.subjectFiling;
  // R-ORD-006: the certificate is on record under a different subject name.
  if (subject && subject.subjectName !== facts.entered.name) {
    return refusal('INFO_CONFLICT', { filingNumbers: subject.filingNumber });
  }

  const domains = facts.domains.map((d) => classifyDomain(d, facts));
  for (const c of domains) if ('error' in c) return { ...c.error, domains };

  const types = [...new Set(domains.map((c) => ('type' in c ? c.type : null)).filter((t) => t !== null))];
  if (types.length > 1) {
    const list = domains.map((c) => ('type' in c ? `${c.domain} → ${c.type}` : c.domain)).join(', ');
    return { ...refusal('MIXED_ORDER_TYPES', { types: list }), domains };
  }
  const type = types[0];

  // No filing for the certificate: every domain classified FIRST.
  if (!subject) {
    // The organisation is filed under its old number: the type is recognised only with that number (R-SUB-005).
    if (isRenumberedOwnSubject(facts.accountSubject, facts.entered)) {
      return { ...refusal('ENTER_ORIGINAL_CERT_NUMBER', { oldCert: facts.accountSubject.certNumber }), domains };
    }
    return {
      ok: true,
      type,
      variant: null,
      subjectFilingNumber: null,
      prefill: 'NONE',
      enteredCertIsOld: false,
      domains,
    };
  }

  // The subject is filed, so `type` is ADD_WEBSITE or ACCESS.
  const variant: OrderVariant = subject.accessedHere ? 'WITH_SUBJECT' : 'WITHOUT_SUBJECT';
  if (subject.oldCertOnRecord && variant === 'WITH_SUBJECT') return { ...refusal('CERT_CHANGE_REQUIRED'), domains };
  if (subject.principalIdExpired) return { ...refusal('CHANGE_REQUIRED', {}, 'PRINCIPAL_ID_EXPIRED'), domains };
  if (type === 'ADD_WEBSITE' && subject.filedDomainNotHeld) {
    const { domain, websiteCount } = subject.filedDomainNotHeld;
    const r = refusal('FILED_DOMAIN_NOT_HELD', { domain }, websiteCount > 1 ? 'MULTI_WEBSITE' : undefined);
    return { ...r, domains };
  }
  return {
    ok: true,
    type,
    variant,
    subjectFilingNumber: subject.filingNumber,
    prefill: type === 'ACCESS' ? 'SUBJECT_AND_WEBSITES' : 'SUBJECT',
    enteredCertIsOld: subject.oldCertOnRecord,
    domains,
  };
}

/** Steps 1, 2 and 7 in a row, for callers that have already run steps 3–6 or have none to run (tests, the CLI). */
export function verifyOrderType(facts: VerifyFacts): VerifyResult {
  return checkBindingAndConcurrency(facts) ?? detectOrderType(facts);
}

/**
 * R-ORD-010 safety net: data may change between the verify step and submission (or bureau decision). Re-running the
 * detection on fresh facts must yield the order's type; otherwise WRONG_ORDER_TYPE (or the new conflict itself).
 */
export function recheckOrderType(orderType: OrderType, facts: VerifyFacts): Refusal | null {
  const now = detectOrderType(facts);
  if (!now.ok) return now;
  if (now.type !== orderType) {
    return refusal('WRONG_ORDER_TYPE', {
      expected: ORDER_TYPE_INFO[now.type].label.zh,
      actual: ORDER_TYPE_INFO[orderType].label.zh,
    });
  }
  return null;
}

// ---------------------------------------------------------------------------------------------------------------
// Change and cancellation orders: chosen by the customer on a filed record, with preconditions
// ---------------------------------------------------------------------------------------------------------------

export type PostFilingOrderType = Exclude<OrderType, 'FIRST' | 'ADD_WEBSITE' | 'ACCESS'>;

export interface FiledWebsite {
  id: string;
  /** Shown in messages: the website's name or main domain. */
  label: string;
  accessedHere: boolean;
}

export interface PostFilingFacts {
  type: PostFilingOrderType;
  initiator: 'customer' | 'provider';
  accountId: string;
  /** The account the subject is bound to on this platform. */
  subjectBoundAccountId: string | null;
  /** The subject's filed (not cancelled) websites. */
  websites: readonly FiledWebsite[];
  /** The websites the order acts on (CHANGE_WEBSITE, CHANGE_ACCESS, CANCEL_WEBSITE, CANCEL_ACCESS). */
  targetWebsiteIds: readonly string[];
  accountOrderStates: readonly OrderState[];
}

const WEBSITE_TARGETED: readonly PostFilingOrderType[] = [
  'CHANGE_WEBSITE',
  'CHANGE_ACCESS',
  'CANCEL_WEBSITE',
  'CANCEL_ACCESS',
];

/**
 * Preconditions for creating a CHANGE_* or CANCEL_* order: the account holds the subject (skipped for the provider's
 * own cancel access, R-CHG-018), one order in flight (R-ORD-007), the subject is accessed here and the targets are
 * websites accessed here (R-CHG-006), and a website cancellation leaves the subject at least one website
 * (R-CHG-013).
 */
export function checkPostFilingOrder(facts: PostFilingFacts): Refusal | null {
  if (facts.initiator === 'customer' && facts.subjectBoundAccountId !== facts.accountId) {
    return refusal('NOT_BOUND_TO_SUBJECT');
  }
  const inFlight = checkOneOrderInFlight(facts.accountOrderStates);
  if (inFlight) return inFlight;
  if (!facts.websites.some((w) => w.accessedHere)) return refusal('SUBJECT_NOT_ACCESSED_HERE');
  if (!WEBSITE_TARGETED.includes(facts.type)) return null;

  if (facts.targetWebsiteIds.length === 0) return refusal('NO_TARGETS');
  for (const id of facts.targetWebsiteIds) {
    const w = facts.websites.find((x) => x.id === id);
    if (!w?.accessedHere) return refusal('WEBSITE_NOT_ACCESSED_HERE', { website: w?.label ?? id });
  }
  if (facts.type === 'CANCEL_WEBSITE') {
    const remaining = facts.websites.filter((w) => !facts.targetWebsiteIds.includes(w.id));
    if (remaining.length === 0) return refusal('LAST_WEBSITE_USE_CANCEL_SUBJECT');
  }
  return null;
}
