import { ACCESS_REASONS, type AccessReason } from './access.repository.ts';
import { canonicalIp, NO_DOMAIN, registrableOfHost } from './host.ts';
import { type AccessSnapshot, isServed, reasonOf } from './snapshot.ts';

/** The X-Beian-Reason values: the projection's reasons plus the two the gateway decides without it. */
export type GatewayReason = AccessReason | 'NON_MAINLAND' | 'NO_DOMAIN';

export interface Verdict {
  /** 200 serve / 403 block: Envoy's raw-HTTP ext_authz accepts only 200 as "allow" (STACK pitfall 16). */
  status: 200 | 403;
  reason: GatewayReason;
  /** The registrable domain the decision is about (null for NO_DOMAIN / NON_MAINLAND / unparsable names). */
  domain: string | null;
}

/** The source of truth for "is this server outside the mainland?" (R-ACS-003), refreshed with the snapshot. */
export interface ServerRegions {
  isNonMainland(ip: string): boolean;
}

/**
 * Per-request decision (R-ACS-002..006, R-ACS-013, R-ACS-015): pure, allocation-light, no I/O.
 * Order matters: a non-mainland server never blocks, whatever the domain (R-ACS-003); IP literals and missing
 * hosts are not checked (R-ACS-004); otherwise the registrable domain's row decides, and no row means NOT_FILED.
 */
export function decideAccess(
  snapshot: AccessSnapshot,
  regions: ServerRegions,
  host: string | undefined,
  serverIp: string | undefined,
): Verdict {
  if (serverIp !== undefined) {
    if (regions.isNonMainland(serverIp)) return NON_MAINLAND;
    // a dotted IPv4 is already canonical; only other spellings (IPv6, mapped, bracketed) need normalising
    if (!isDottedDigits(serverIp)) {
      const ip = canonicalIp(serverIp);
      if (ip !== null && regions.isNonMainland(ip)) return NON_MAINLAND;
    }
  }
  const domain = registrableOfHost(host);
  if (domain === NO_DOMAIN) return NOT_A_DOMAIN;
  if (domain === null) return UNFILEABLE;
  const code = snapshot.get(domain);
  if (code === -1) return { status: 403, reason: 'NOT_FILED', domain };
  return { status: isServed(code) ? 200 : 403, reason: reasonOf(code), domain };
}

function isDottedDigits(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c !== 46 && (c < 48 || c > 57)) return false;
  }
  return true;
}

const NON_MAINLAND: Verdict = Object.freeze({ status: 200, reason: 'NON_MAINLAND', domain: null });
const NOT_A_DOMAIN: Verdict = Object.freeze({ status: 200, reason: 'NO_DOMAIN', domain: null });
const UNFILEABLE: Verdict = Object.freeze({ status: 403, reason: 'NOT_FILED', domain: null });

export const GATEWAY_REASONS: readonly GatewayReason[] = [...ACCESS_REASONS, 'NON_MAINLAND', 'NO_DOMAIN'];
