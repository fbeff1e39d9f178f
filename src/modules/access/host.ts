import { isIP } from 'node:net';
import { domainToASCII } from 'node:url';
import { parse } from 'tldts';

/**
 * Host handling on the gateway's hot path. The projection is keyed by `registrableDomain()` (rules/validators/
 * domain.ts), which goes through the WHATWG URL parser and costs ~12 µs; this does the same tldts computation on an
 * already-ASCII host in under 1 µs. The equivalence is tested in host.test.ts.
 */

/** Not subject to the filing check: no Host, an IP literal, or a single-label name (R-ACS-004). */
export const NO_DOMAIN = Symbol('NO_DOMAIN');

// The host is already a lower-case name without port (checked above), and numeric / IPv6 forms are handled before
// tldts runs, so its URL extraction and IP detection are skipped.
const TLDTS_OPTS = {
  allowPrivateDomains: false,
  extractHostname: false,
  mixedInputs: false,
  detectIp: false,
  validateHostname: true,
};

/**
 * The registrable domain (eTLD+1, ASCII, lower case) that decides a request for `raw`, a Host header value or an SNI
 * name: the port is dropped because the decision never depends on it (R-ACS-002), and every sub-domain gets its
 * registrable domain's decision (R-ACS-005).
 * Returns NO_DOMAIN when the filing check does not apply, and null for a name that has no registrable domain under
 * an ICANN suffix (such a name cannot be filed, so it is blocked as NOT_FILED, R-ACS-015).
 */
export function registrableOfHost(raw: string | undefined): string | null | typeof NO_DOMAIN {
  if (raw === undefined) return NO_DOMAIN;
  let s = raw;
  let start = 0;
  let end = s.length;
  while (start < end && s.charCodeAt(start) <= 32) start++;
  while (end > start && s.charCodeAt(end - 1) <= 32) end--;
  if (start === end) return NO_DOMAIN;
  // "[v6]" or "[v6]:port": an IPv6 literal
  if (s.charCodeAt(start) === 91) return NO_DOMAIN;
  const colon = s.indexOf(':', start);
  if (colon !== -1 && colon < end) {
    // a second colon: an unbracketed IPv6 address, not a name
    const second = s.indexOf(':', colon + 1);
    if (second !== -1 && second < end) return NO_DOMAIN;
    end = colon;
  }
  if (end > start && s.charCodeAt(end - 1) === 46) end--; // FQDN trailing dot
  if (start !== 0 || end !== s.length) s = s.slice(start, end);
  let upper = false;
  let ascii = true;
  let dots = 0;
  let numeric = true;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 46) dots++;
    else if (c < 48 || c > 57) {
      numeric = false;
      if (c >= 97 && c <= 122) continue;
      if (c >= 65 && c <= 90) upper = true;
      else if (c > 127) ascii = false;
      // '-' and '_' (seen in real sub-domain labels); any other ASCII symbol is not a host name
      else if (c !== 45 && c !== 95) return null;
    }
  }
  if (s.length === 0 || numeric) return NO_DOMAIN;
  if (!ascii) {
    // an IDN sent in Unicode (Envoy passes what the client sent); the projection stores punycode
    s = domainToASCII(s);
    if (s === '') return null;
    dots = s.split('.').length - 1;
  } else if (upper) s = s.toLowerCase();
  // "localhost", "intranet": a single label cannot be delegated in public DNS, so no filing applies
  if (dots === 0) return NO_DOMAIN;
  const info = parse(s, TLDTS_OPTS);
  if (!info.isIcann || !info.domain) return null;
  return info.domain;
}

/**
 * A server address as the edge reports it (nginx `$server_addr`, Envoy `%DOWNSTREAM_LOCAL_ADDRESS_WITHOUT_PORT%`),
 * in one canonical form: IPv4 dotted, IPv6 compressed lower case, IPv4-mapped IPv6 as IPv4. Null when not an IP.
 */
export function canonicalIp(raw: string | undefined | null): string | null {
  if (!raw) return null;
  let s = raw.trim();
  if (s.startsWith('[')) s = s.slice(1, s.indexOf(']') === -1 ? undefined : s.indexOf(']'));
  const kind = isIP(s);
  if (kind === 4) return s;
  if (kind !== 6) return null;
  const v6 = new URL(`http://[${s}]/`).hostname.slice(1, -1);
  const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(v6);
  if (mapped) {
    const hi = Number.parseInt(mapped[1], 16);
    const lo = Number.parseInt(mapped[2], 16);
    return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  }
  return v6;
}

/** The MIIT interface carries IPv4 addresses as unsigned 32-bit integers (e.g. WBAWZLB `IP`). */
export function ipv4FromLong(n: number): string | null {
  if (!Number.isInteger(n) || n < 0 || n > 0xffffffff) return null;
  return `${Math.floor(n / 16777216) & 255}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

export function ipv4ToLong(ip: string): number | null {
  if (isIP(ip) !== 4) return null;
  return ip.split('.').reduce((acc, part) => acc * 256 + Number(part), 0);
}
