import { type QueryKey, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AccountsService } from '../../../src/modules/accounts/accounts.service.ts';
import type { ServerView } from '../../../src/modules/resources/servers.service.ts';
import type { CalendarAdmin } from '../../../src/modules/review/calendar-admin.ts';
import type { CatalogueReason } from '../../../src/modules/review/catalogue.ts';
import type { DashboardService } from '../../../src/modules/review/dashboard.service.ts';
import type { ProviderConfig } from '../../../src/modules/review/provider-config.ts';
import type { StoredOverride } from '../../../src/modules/review/province-overrides.ts';
import type { QueueName, ReviewService } from '../../../src/modules/review/review.service.ts';
import type { ProvinceRequirementsPage } from '../../../src/modules/rules/provinces/table.ts';
import type { ProvinceTable } from '../../../src/modules/rules/provinces/types.ts';
import { api, type Method } from '../app/api.ts';

/**
 * The back office's view of the API: types come from the server modules themselves (type-only imports, erased in the
 * bundle), so a change of a response shape breaks the build, not the page.
 */
export type { CatalogueReason, ProviderConfig, QueueName, StoredOverride };
export type QueueRow = Awaited<ReturnType<ReviewService['queue']>>[number];
export type ReviewPageData = Awaited<ReturnType<ReviewService['page']>>;
export type CallResult = Awaited<ReturnType<ReviewService['logCall']>>;
export type ChecklistItem = ReviewPageData['checklist']['items'][number];
export type Dashboard = Awaited<ReturnType<DashboardService['dashboard']>>;
export type CalendarList = Awaited<ReturnType<CalendarAdmin['list']>>;
export type CalendarYear = ReturnType<CalendarAdmin['year']>;
export interface ProvinceRulesInForce {
  date: string;
  version: string;
  applied: { province: string; key: string; value: unknown; effectiveFrom: string; source: string }[];
  table: ProvinceTable;
}
export type { ProvinceRequirementsPage };

export type UserRow = Awaited<ReturnType<AccountsService['listUsers']>>[number];
export type TokenRow = Awaited<ReturnType<AccountsService['listTokens']>>[number];
export type { ServerView };

export const qk = {
  queue: (name: QueueName, params: string) => ['review', 'queue', name, params] as const,
  page: (id: string) => ['review', 'page', id] as const,
  catalogue: (stage: string) => ['review', 'catalogue', stage] as const,
  dashboard: (range: string) => ['review', 'dashboard', range] as const,
  overrides: ['admin', 'province-overrides'] as const,
  provinceRules: ['admin', 'province-rules'] as const,
  requirements: (p: string) => ['admin', 'requirements', p] as const,
  calendar: ['admin', 'calendar'] as const,
  calendarYear: (y: number) => ['admin', 'calendar', y] as const,
  provider: ['admin', 'provider'] as const,
  users: ['admin', 'users'] as const,
  tokens: ['admin', 'tokens'] as const,
  servers: ['admin', 'servers'] as const,
};

export function useGet<T>(key: QueryKey, path: string, opts: { enabled?: boolean; refetchInterval?: number } = {}) {
  return useQuery({ queryKey: key, queryFn: ({ signal }) => api<T>('GET', path, undefined, { signal }), ...opts });
}

/** A mutation that refreshes the given queries when it succeeds. */
export function useSend<TBody, TResult = unknown>(
  method: Method,
  path: string | ((body: TBody) => string),
  invalidate: QueryKey[] = [],
) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: TBody) =>
      api<TResult>(method, typeof path === 'function' ? path(body) : path, method === 'DELETE' ? undefined : body),
    onSuccess: async () => {
      await Promise.all(invalidate.map((queryKey) => qc.invalidateQueries({ queryKey })));
    },
  });
}
