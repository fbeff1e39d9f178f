import type { ServerFacts } from '../rules/context.ts';
import type { ServerView } from './servers.service.ts';

/** The rules engine's view of an inventory server (rules stay free of database shapes). */
export function serverFacts(s: ServerView, authCodesGenerated?: number, syncDelayMinutes = 0): ServerFacts {
  return {
    id: s.id,
    region: s.region,
    mainland: s.regionKind === 'mainland',
    billing: s.billingMode === 'prepaid' ? 'PREPAID' : 'PAY_AS_YOU_GO',
    purchasedOn: s.purchasedAt,
    expiresOn: s.expiresAt,
    prepaidMonths: s.prepaidMonths,
    publicIpv4: s.publicIp,
    loadBalancer: s.isLoadBalancer,
    usableFrom: new Date(s.syncedAt + syncDelayMinutes * 60_000).toISOString(),
    authCodesGenerated,
    accountId: s.accountId,
  };
}
