import type { Database } from '../../platform/db/database.ts';
import { checkFiling } from '../rules/check.ts';
import { missingMaterials } from '../rules/materials/rules.ts';
import type { CheckContext } from '../rules/context.ts';
import { PROVINCE_TABLE_VERSION, provinceTable } from '../rules/provinces/table.ts';
import type { ProvinceTable } from '../rules/provinces/types.ts';
import type { FilingDraft } from '../rules/draft.ts';
import { type CheckFactsDeps, gatherCheckFacts } from './check-facts.ts';
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
 * The full context of a server-side check: the rule set in force, plus what the platform knows (servers, codes,
 * registry, open orders, registrar, calendar) when fact sources are given. Without them the fact-based rules stay
 * silent (a fact left undefined means "not known here").
 */
export async function fullCheckContext(
  database: Database,
  rules: ProvinceRuleSource,
  facts: CheckFactsDeps | undefined,
  input: { today: string; accountId: string; orderId?: string; draft: FilingDraft },
): Promise<CheckContext> {
  const base = checkContextFor(rules, input);
  if (!facts) return base;
  const gathered = await gatherCheckFacts(database.db, facts, {
    accountId: input.accountId,
    orderId: input.orderId,
    draft: input.draft,
  });
  return { ...base, ...gathered };
}

/**
 * The server side of the rules engine for the lifecycle: the same `checkFiling` the browser runs, fed with what the
 * server knows and the province overrides in force today. The rule-set version is recorded with every result
 * (issue 3 §6). Facts are gathered only where the caller asks (`withFacts`: saving and submitting an order before the
 * bureau) — once approved, an order's own subject and domains are in the registry and would read as "already filed".
 */
export function createDraftChecker(
  database: Database,
  rules: ProvinceRuleSource = SHIPPED_PROVINCE_RULES,
  facts?: CheckFactsDeps,
): DraftChecker {
  return async (draft, ctx) => {
    const context = await fullCheckContext(database, rules, ctx.withFacts ? facts : undefined, {
      today: ctx.today,
      accountId: ctx.accountId,
      orderId: ctx.orderId,
      draft,
    });
    const r = checkFiling(draft, context);
    return {
      blocking: r.violations.filter((v) => v.severity === 'block').length,
      violations: r.violations,
      ruleSetVersion: r.ruleSetVersion,
      // R-ORD-020 / R-MAT-016: what 提交照片 still lacks (keep: OrdersService.submitPhotos reads it)
      missingPhotos: missingMaterials(draft, context, 'PHOTO').map((m) => ({
        kind: m.kind,
        websiteIndex: m.websiteIndex,
        reason: m.reason,
      })),
    };
  };
}
