import type { CheckContext } from '../../../../src/modules/rules/context.ts';
import { PROVINCE_TABLE_VERSION, provinceTable } from '../../../../src/modules/rules/provinces/table.ts';

/**
 * The browser's CheckContext: exactly what the server's checker gives `checkFiling` at save and submit
 * (src/modules/filings/checker.ts) — the province table, today in Beijing and the account — so a draft the console
 * shows as clean is a draft the server accepts. Facts only the server has (registry, registrar, servers) stay
 * undefined here as they do there, and the rules that need them stay silent.
 */
export function browserCheckContext(input: { today: string; accountId: string; orderId?: string }): CheckContext {
  return {
    today: input.today,
    ruleSetVersion: `rules@${PROVINCE_TABLE_VERSION}`,
    provinces: provinceTable,
    account: { id: input.accountId },
    ...(input.orderId ? { orderId: input.orderId } : {}),
  };
}
