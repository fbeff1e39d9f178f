import { materialRules } from './materials/rules.ts';
import { provinceRules } from './provinces/rules.ts';
import type { RuleDef } from './rule.ts';
import { accountRules } from './rules/account.ts';
import { changeRules } from './rules/change.ts';
import { namingRules } from './rules/naming.ts';
import { orderRules } from './rules/order.ts';
import { preApprovalRules } from './rules/preapproval.ts';
import { subjectRules } from './rules/subject.ts';
import { websiteRules } from './rules/website.ts';

/**
 * Every validation rule, in report order. The generic catalogue rules come before the province rules so that, when a
 * province rule restates one (R-PRV-003 = R-SUB-015 in 江苏), the generic one is the violation that is kept.
 */
export const ruleRegistry: readonly RuleDef[] = [
  ...accountRules,
  ...subjectRules,
  ...websiteRules,
  ...namingRules,
  ...preApprovalRules,
  ...orderRules,
  ...changeRules,
  ...provinceRules,
  ...materialRules,
];

/**
 * Catalogue rules that are validations implemented by exported helpers rather than by a draft rule: server
 * eligibility (serverEligibility), code generation (authCodeGenerationRefusal), the verify-step type detection
 * (detectOrderType), the IP-change check (ipChangeFilingRequired) and the qualification request
 * (qualificationRequestDecision). The coverage script requires tests for these too.
 */
export const HELPER_RULE_IDS: readonly string[] = [
  'R-ACC-007',
  'R-ACC-008',
  'R-ACC-009',
  'R-ACC-011',
  'R-ACC-012',
  'R-ACC-017',
  'R-ACC-018',
  'R-ORD-003',
  'R-CHG-007',
  'R-EXT-004',
  'R-EXT-005',
];

/** Catalogue ids that are validations: the coverage script fails when one of them is named by no test. */
export function validationRuleIds(): string[] {
  return [...new Set([...ruleRegistry.map((r) => r.id), ...HELPER_RULE_IDS])].sort();
}
