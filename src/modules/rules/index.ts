/**
 * Public API of the rules engine (browser-safe: nothing here imports node modules). The CLI entry point
 * (`check.cli.ts`) is deliberately not re-exported.
 */
export { type CheckResult, checkFiling } from './check.ts';
export type * from './context.ts';
export { ORDER_TYPE_LABELS } from './data/order-types.ts';
export { CULTURE_ACTIVITY_INFO, PRE_APPROVAL_INFO } from './data/pre-approval.ts';
export { REJECTION_REASONS } from './data/rejection-reasons.ts';
export { SERVICE_CONTENT_INFO, WEBSITE_NATURE_INFO } from './data/service-content.ts';
export { CERTIFICATE_LABELS, SUBJECT_TYPE_INFO } from './data/subject-types.ts';
export { APPROVED_SUFFIXES, UNAPPROVED_SUFFIXES } from './data/suffixes.ts';
export { addWorkingDays, ageOn, beijingDate, isWorkingDay } from './dates.ts';
export { contextWithDefaults, DEFAULT_RULE_SET_VERSION, RULES_VERSION } from './defaults.ts';
export * from './draft.ts';
export {
  AUTH_CODE_LIMIT,
  authCodeGenerationRefusal,
  billingEligible,
  ipChangeFilingRequired,
  isServerExpired,
  MIN_PREPAID_MONTHS,
  type ServerReason,
  type ServerReasonCode,
  serverEligibility,
} from './eligibility.ts';
export { type DomainOutcome, detectOrderType, type OrderTypeDetection } from './order-type.ts';
export {
  COMMERCIAL_CAPITAL_THRESHOLD_CNY,
  type QualificationDecision,
  type QualificationFacts,
  type QualificationRequest,
  qualificationRequestDecision,
} from './qualification.ts';
export { HELPER_RULE_IDS, ruleRegistry, validationRuleIds } from './registry.ts';
export { defineRule, type RuleDef, type RuleScope, ruleApplies, violation } from './rule.ts';
export { lintWebsiteName, type NameFinding } from './rules/naming.ts';
export { filingNumberSnippet } from './snippet.ts';
export { normalizeHost, parseDomain, registrableDomain, toUnicodeHost } from './validators/domain.ts';
export { isValidEmail } from './validators/email.ts';
export { ipKind, isPublicIp } from './validators/ip.ts';
export { isCnLandline, isCnMobile, parseCnPhone } from './validators/phone.ts';
export { parseResidentId } from './validators/resident-id.ts';
export { parseRegistrationNumber, parseUscc } from './validators/uscc.ts';
export type { Severity, Violation } from './violation.ts';
