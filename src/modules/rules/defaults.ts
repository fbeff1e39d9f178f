import type { CheckContext } from './context.ts';
import { beijingDate } from './dates.ts';
import { PROVINCE_TABLE_VERSION, provinceTable } from './provinces/table.ts';

/** Version of the rule code and data in this folder; bump it with any change to a rule's behaviour. */
export const RULES_VERSION = 'rules-2018-10-09.r1';

/** The rule-set version a check reports: rule code plus province table (R-PRV-001: which rules a decision used). */
export const DEFAULT_RULE_SET_VERSION = `${RULES_VERSION}+${PROVINCE_TABLE_VERSION}`;

/**
 * A context with sensible defaults for everything not given: today in Beijing, the shipped province table, an
 * anonymous account. Facts that must come from the platform (servers, registry, …) stay undefined, so the rules
 * that need them are silent rather than wrong.
 */
export function contextWithDefaults(partial: Partial<CheckContext> = {}, now: Date = new Date()): CheckContext {
  return {
    ...partial,
    today: partial.today ?? beijingDate(now),
    ruleSetVersion: partial.ruleSetVersion ?? DEFAULT_RULE_SET_VERSION,
    provinces: partial.provinces ?? provinceTable,
    account: partial.account ?? { id: 'anonymous' },
  };
}
