import type { LocalizedText } from '../../platform/i18n.ts';
import type { ServerFacts } from './context.ts';
import { addMonths } from './dates.ts';
import { isPublicIp } from './validators/ip.ts';

/**
 * Server eligibility for filing (R-ACC-007..012) and for authorisation codes (R-ACC-017, R-ACC-018). Shared by the
 * rules, the resources module (code generation) and the console (explaining why a server does not count).
 */

export type ServerReasonCode =
  | 'NOT_MAINLAND'
  | 'BILLING_NOT_ELIGIBLE'
  | 'SERVER_EXPIRED'
  | 'NO_PUBLIC_IP'
  | 'NOT_YET_SYNCED'
  | 'LOAD_BALANCER_IP'
  | 'CODE_LIMIT_REACHED'
  | 'NO_ASSOCIATED_SERVER';

export interface ServerReason {
  rule: string;
  code: ServerReasonCode;
  message: LocalizedText;
}

/** R-ACC-018: codes ever generated per server. */
export const AUTH_CODE_LIMIT = 5;
/** R-ACC-009: minimum purchased prepaid term. */
export const MIN_PREPAID_MONTHS = 3;
/** R-ACC-012: default delay before a new server is usable. */
export const DEFAULT_SYNC_DELAY_MINUTES = 30;

const R = {
  notMainland: {
    rule: 'R-ACC-007',
    code: 'NOT_MAINLAND',
    message: {
      zh: '非中国大陆地域的服务器（如香港、海外）无需备案，也不能用于备案或生成备案授权码',
      en: 'Servers outside mainland China (e.g. Hong Kong, overseas) need no filing and cannot be used for filing or authorisation codes',
    },
  },
  payg: {
    rule: 'R-ACC-008',
    code: 'BILLING_NOT_ELIGIBLE',
    message: {
      zh: '按量计费的服务器（含试用服务器）不支持备案，请使用包年包月服务器',
      en: 'Pay-as-you-go servers (including trial servers) cannot be used for filing; use a prepaid server',
    },
  },
  shortTerm: {
    rule: 'R-ACC-009',
    code: 'BILLING_NOT_ELIGIBLE',
    message: {
      zh: '包年包月购买时长需不少于 3 个月（含续费）',
      en: 'The prepaid term must be at least 3 months (renewals count)',
    },
  },
  expired: {
    rule: 'R-ACC-010',
    code: 'SERVER_EXPIRED',
    message: { zh: '服务器已过期，请续费后再备案', en: 'The server has expired; renew it before filing' },
  },
  noIp: {
    rule: 'R-ACC-011',
    code: 'NO_PUBLIC_IP',
    message: {
      zh: '服务器没有公网 IPv4 地址，请先分配公网 IP',
      en: 'The server has no public IPv4 address; assign one first',
    },
  },
  syncing: {
    rule: 'R-ACC-012',
    code: 'NOT_YET_SYNCED',
    message: {
      zh: '新购服务器正在同步，建议在 30 分钟 ~ 1 小时后再次尝试',
      en: 'The new server is still being synchronised; retry in 30 minutes to 1 hour',
    },
  },
  loadBalancer: {
    rule: 'R-ACC-017',
    code: 'LOAD_BALANCER_IP',
    message: { zh: '负载均衡 IP 不能生成备案授权码', en: 'A load-balancer IP cannot generate an authorisation code' },
  },
  codeLimit: {
    rule: 'R-ACC-018',
    code: 'CODE_LIMIT_REACHED',
    message: {
      zh: '一台服务器最多可生成 5 个备案授权码',
      en: 'A server can generate at most 5 authorisation codes',
    },
  },
  noAssociated: {
    rule: 'R-ACC-017',
    code: 'NO_ASSOCIATED_SERVER',
    message: {
      zh: '没有关联云服务器：只有中国大陆地域、包年包月 3 个月或以上且未过期的服务器才能生成备案授权码；香港服务器无需备案，也无法生成备案授权码',
      en: 'No associated server: only unexpired mainland servers prepaid for 3 months or more can generate codes; Hong Kong servers need no filing and cannot generate codes',
    },
  },
} as const satisfies Record<string, ServerReason>;

export function isServerExpired(server: ServerFacts, today: string): boolean {
  return server.expiresOn <= today;
}

/** R-ACC-008 + R-ACC-009: prepaid, and a purchased term of at least 3 calendar months including renewals. */
export function billingEligible(server: ServerFacts): ServerReason | null {
  if (server.billing !== 'PREPAID') return R.payg;
  const longEnough =
    server.prepaidMonths !== undefined
      ? server.prepaidMonths >= MIN_PREPAID_MONTHS
      : addMonths(server.purchasedOn, MIN_PREPAID_MONTHS) <= server.expiresOn;
  return longEnough ? null : R.shortTerm;
}

/**
 * Why a server cannot back a filing today (empty = eligible). `now` (ISO instant) enables the sync-delay check of
 * R-ACC-012; `usableFrom` on the server is when the inventory sync finished.
 */
export function serverEligibility(
  server: ServerFacts,
  today: string,
  opts: { now?: string } = {},
): { eligible: boolean; reasons: ServerReason[] } {
  const reasons: ServerReason[] = [];
  if (!server.mainland) reasons.push(R.notMainland);
  const billing = billingEligible(server);
  if (billing) reasons.push(billing);
  if (isServerExpired(server, today)) reasons.push(R.expired);
  if (!server.publicIpv4 || !isPublicIp(server.publicIpv4, { allowDocumentation: true })) reasons.push(R.noIp);
  if (opts.now && server.usableFrom && opts.now < server.usableFrom) reasons.push(R.syncing);
  return { eligible: reasons.length === 0, reasons };
}

/**
 * R-ACC-017 / R-ACC-018: why generating an authorisation code for `server` is refused, or null when it is allowed.
 * `accountServers` are all servers of the account (for NO_ASSOCIATED_SERVER).
 */
export function authCodeGenerationRefusal(
  server: ServerFacts | undefined,
  accountServers: readonly ServerFacts[],
  today: string,
): ServerReason | null {
  const associated = (s: ServerFacts) => s.mainland && !isServerExpired(s, today) && billingEligible(s) === null;
  if (!accountServers.some(associated) || !server) return R.noAssociated;
  if (!server.mainland) return R.notMainland;
  if (isServerExpired(server, today)) return R.expired;
  const billing = billingEligible(server);
  if (billing) return { ...billing, rule: 'R-ACC-017' };
  if (!server.publicIpv4 || !isPublicIp(server.publicIpv4, { allowDocumentation: true }))
    return { ...R.noIp, rule: 'R-ACC-017' };
  if (server.loadBalancer) return R.loadBalancer;
  if ((server.authCodesGenerated ?? 0) >= AUTH_CODE_LIMIT) return R.codeLimit;
  return null;
}

/**
 * R-CHG-007: a commercially licensed website whose registered IP is no longer one of the account's (or its codes')
 * IPs must file a CHANGE_ACCESS; other websites may move freely within the provider.
 */
export function ipChangeFilingRequired(
  website: { commercialLicensed?: boolean; accessIps?: readonly string[] },
  currentIps: readonly string[],
): boolean {
  if (!website.commercialLicensed) return false;
  return (website.accessIps ?? []).some((ip) => !currentIps.includes(ip));
}
