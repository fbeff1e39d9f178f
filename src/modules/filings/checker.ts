import type { Database } from '../../platform/db/database.ts';
import { checkFiling } from '../rules/check.ts';
import { missingMaterials } from '../rules/materials/rules.ts';
import type { CheckContext } from '../rules/context.ts';
import { PROVINCE_TABLE_VERSION, provinceTable } from '../rules/provinces/table.ts';
import type { ProvinceTable } from '../rules/provinces/types.ts';
import type { DraftChecker } from './orders.service.ts';

/**
 * The province rule table in force on a day (R-PRV-001: every check and review applies the rule set of its own day),
 * with a version naming exactly that rule set. The review module's override store implements it from the
 * `province_overrides` table; without one, the shipped table applies.
 */
export interface ProvinceRuleSource {
  tableFor(today: string): { table: ProvinceTable; version: string };
}

export const SHIPPED_PROVINCE_RULES: ProvinceRuleSource = {
  tableFor: () => ({ table: provinceTable, version: PROVINCE_TABLE_VERSION }),
};

/** The context of a server-side check: what the server knows, and the rule set in force `today`. */
export function checkContextFor(
  rules: ProvinceRuleSource,
  input: { today: string; accountId: string; orderId?: string },
): CheckContext {
  const { table, version } = rules.tableFor(input.today);
  return {
    today: input.today,
    ruleSetVersion: `rules@${version}`,
    provinces: table,
    account: { id: input.accountId },
    ...(input.orderId ? { orderId: input.orderId } : {}),
  };
}

/**
 * The server side of the rules engine for the lifecycle: the same `checkFiling` the browser runs, fed with what the
 * server knows and the province overrides in force today. The rule-set version is recorded with every result
 * (issue 3 §6).
 */
export function createDraftChecker(
  _database: Database,
  rules: ProvinceRuleSource = SHIPPED_PROVINCE_RULES,
): DraftChecker {
  return (draft, ctx) => {
    const context = checkContextFor(rules, { today: ctx.today, accountId: ctx.accountId });
    const r = checkFiling(draft, context);
    return {
      blocking: r.violations.filter((v) => v.severity === 'block').length,
      violations: r.violations,
      ruleSetVersion: r.ruleSetVersion,
      // R-ORD-020 / R-MAT-016: what 提交照片 still lacks (keep: OrdersService.submitPhotos reads it)
      missingPhotos: missingMaterials(draft, context, 'PHOTO').map((m) => ({ kind: m.kind, websiteIndex: m.websiteIndex, reason: m.reason })),
    };
  };
}
