import type { CheckContext } from './context.ts';
import type { FilingDraft } from './draft.ts';
import { ruleRegistry } from './registry.ts';
import { type RuleDef, ruleApplies } from './rule.ts';
import type { Violation } from './violation.ts';

export interface CheckResult {
  violations: Violation[];
  /** True when any violation blocks the action (requirements.md §0.2 "Reject"). */
  blocking: boolean;
  ruleSetVersion: string;
}

/**
 * The one entry point of the rules engine: runs every rule in scope on the day of the check and returns all
 * violations at once (DESIGN decision 2). Runs unchanged in the browser and on the server.
 *
 * A rule that throws is a bug in that rule, not in the customer's data: it becomes an INTERNAL violation naming the
 * rule, so one faulty rule cannot hide the others' findings.
 */
export function checkFiling(
  draft: FilingDraft,
  ctx: CheckContext,
  rules: readonly RuleDef[] = ruleRegistry,
): CheckResult {
  const seen = new Set<string>();
  const violations: Violation[] = [];
  for (const rule of rules) {
    if (!ruleApplies(rule, draft, ctx)) continue;
    let found: Violation[];
    try {
      found = rule.check(draft, ctx);
    } catch (err) {
      found = [
        {
          rule: rule.id,
          code: 'RULE_FAILED',
          severity: 'block',
          field: rule.field,
          message: {
            zh: `规则 ${rule.id} 执行失败，请联系客服`,
            en: `Rule ${rule.id} failed to run (${err instanceof Error ? err.message : String(err)}); contact support`,
          },
        },
      ];
    }
    for (const v of found) {
      // A province rule that restates a generic one reports the same code on the same field: keep the first.
      const key = `${v.code}\u0000${v.field}\u0000${v.severity}`;
      if (seen.has(key)) continue;
      seen.add(key);
      violations.push(v);
    }
  }
  return { violations, blocking: violations.some((v) => v.severity === 'block'), ruleSetVersion: ctx.ruleSetVersion };
}
