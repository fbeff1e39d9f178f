import { useQuery } from '@tanstack/react-query';
import type { ServerView } from '../../../src/modules/resources/servers.service.ts';
import { api, isMissingEndpoint } from '../app/api.ts';
import type { AuthCodeView, MaterialView, OrderDetail, OrderEventView, OrderView } from './types.ts';

export const keys = {
  orders: ['orders'] as const,
  order: (id: string) => ['orders', id] as const,
  events: (id: string) => ['orders', id, 'events'] as const,
  materials: (id: string) => ['orders', id, 'materials'] as const,
  servers: ['servers'] as const,
  authCodes: ['auth-codes'] as const,
};

export function useOrders() {
  return useQuery({ queryKey: keys.orders, queryFn: () => api<OrderView[]>('GET', '/api/v1/orders') });
}

export function useOrder(id: string | undefined) {
  return useQuery({
    queryKey: keys.order(id ?? ''),
    queryFn: () => api<OrderDetail>('GET', `/api/v1/orders/${encodeURIComponent(id!)}`),
    enabled: !!id,
  });
}

export function useOrderEvents(id: string | undefined) {
  return useQuery({
    queryKey: keys.events(id ?? ''),
    queryFn: () => api<OrderEventView[]>('GET', `/api/v1/orders/${encodeURIComponent(id!)}/events`),
    enabled: !!id,
  });
}

export function useServers() {
  return useQuery({ queryKey: keys.servers, queryFn: () => api<ServerView[]>('GET', '/api/v1/servers') });
}

export function useAuthCodes() {
  return useQuery({ queryKey: keys.authCodes, queryFn: () => api<AuthCodeView[]>('GET', '/api/v1/auth-codes') });
}

/**
 * The order's uploads. The endpoint is being added by the lead; until it exists the answer is `missing: true` and
 * the page says so instead of pretending the list is empty.
 */
export function useMaterials(orderId: string | undefined) {
  return useQuery({
    queryKey: keys.materials(orderId ?? ''),
    enabled: !!orderId,
    queryFn: async () => {
      try {
        const list = await api<MaterialView[] | { materials: MaterialView[] }>(
          'GET',
          `/api/v1/orders/${encodeURIComponent(orderId!)}/materials`,
        );
        return { missing: false, list: Array.isArray(list) ? list : list.materials };
      } catch (err) {
        if (isMissingEndpoint(err)) return { missing: true, list: [] as MaterialView[] };
        throw err;
      }
    },
  });
}

/** Non-terminal orders (R-ORD-007: at most one per account). */
export const TERMINAL = ['APPROVED', 'ABANDONED', 'EXPIRED'] as const;
export function inFlight(orders: readonly OrderView[] | undefined): OrderView | undefined {
  return orders?.find((o) => !(TERMINAL as readonly string[]).includes(o.state));
}

/**
 * The account's filed subject and websites as the registry holds them (GET /api/v1/filings): filing numbers, status
 * and whether each website is accessed at this provider (R-ACS-006). Before the first approval there is nothing
 * filed; the websites of the order in progress are listed instead, marked as not filed yet.
 */
export interface MyFilings {
  subject: {
    id: string;
    name: string;
    type: string;
    province: string;
    filingNumber: string | null;
    status: string;
    certificateNumber: string;
  };
  websites: {
    id: string;
    name: string;
    filingNumber: string | null;
    status: string;
    accessedHere: boolean;
    domains: string[];
    accessIp: string | null;
  }[];
}

export function useMyFilings() {
  return useQuery({
    queryKey: ['filings'],
    queryFn: async () => {
      try {
        return { missing: false as const, data: await api<MyFilings | null>('GET', '/api/v1/filings') };
      } catch (err) {
        if (isMissingEndpoint(err)) return { missing: true as const, data: null };
        throw err;
      }
    },
  });
}
