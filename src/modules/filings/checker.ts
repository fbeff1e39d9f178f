import type { Database } from '../../platform/db/database.ts';
import { checkFiling } from '../rules/check.ts';
import type { CheckContext } from '../rules/context.ts';
import { PROVINCE_TABLE_VERSION, provinceTable } from '../rules/provinces/table.ts';
import type { DraftChecker } from './orders.service.ts';

/**
 * The server side of the rules engine for the lifecycle: the same `checkFiling` the browser runs, fed with what the
 * server knows. The rule-set version is recorded with every result (issue 3 §6).
 */
export function createDraftChecker(_database: Database): DraftChecker {
  return (draft, ctx) => {
    const context: CheckContext = {
      today: ctx.today,
      ruleSetVersion: `rules@${PROVINCE_TABLE_VERSION}`,
      provinces: provinceTable,
      account: { id: ctx.accountId },
    };
    const r = checkFiling(draft, context);
    return {
      blocking: r.violations.filter((v) => v.severity === 'block').length,
      violations: r.violations,
      ruleSetVersion: r.ruleSetVersion,
    };
  };
}
