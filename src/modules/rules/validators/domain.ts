import { parse } from 'tldts';
import { toUnicodeHost } from './punycode.ts';

/**
 * Domain handling for filings (R-WEB-003, R-WEB-005). Domains are stored in ASCII (punycode), lower-case, without a
 * trailing dot; the Unicode form is for display. IDN encoding uses the WHATWG URL parser so this runs in browsers.
 */

export type DomainParse =
  | {
      ok: true;
      /** Normalised ASCII host as entered. */
      host: string;
      /** Registrable domain (eTLD+1) in ASCII. */
      registrable: string;
      /** Public suffix in ASCII, e.g. 'com.cn', 'xn--fiqs8s'. */
      publicSuffix: string;
      /** Rightmost label in ASCII, e.g. 'cn' for example.com.cn. */
      topLabel: string;
      /** True when the host is exactly its registrable domain. */
      isRegistrable: boolean;
      unicode: string;
    }
  | { ok: false; reason: 'EMPTY' | 'SYNTAX' | 'IP_ADDRESS' | 'UNKNOWN_TLD' | 'NO_REGISTRABLE_PART' };

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/** Lower-cases, strips a trailing dot and IDN-encodes; null when the input is not a host name at all. */
export function normalizeHost(input: string): string | null {
  let s = input.trim();
  if (s.endsWith('.')) s = s.slice(0, -1);
  if (s === '' || /[\s/\\:@?#%*,;"'<>[\]{}|^`~!$&()+=]/.test(s)) return null;
  let host: string;
  try {
    host = new URL(`http://${s}`).hostname;
  } catch {
    return null;
  }
  host = host.toLowerCase();
  if (host.endsWith('.')) host = host.slice(0, -1);
  if (host.length === 0 || host.length > 253) return null;
  if (host.startsWith('[')) return host;
  const labels = host.split('.');
  if (labels.length < 2 || !labels.every((l) => LABEL.test(l))) return null;
  return host;
}

/** Parsing costs a URL parse plus a suffix-list walk; domains repeat across rules and requests, so it is memoised. */
const parseMemo = new Map<string, DomainParse>();

export function parseDomain(input: string): DomainParse {
  const hit = parseMemo.get(input);
  if (hit) return hit;
  const out = parseUncached(input);
  if (parseMemo.size >= 10_000) parseMemo.clear();
  parseMemo.set(input, out);
  return out;
}

function parseUncached(input: string): DomainParse {
  if (input.trim() === '') return { ok: false, reason: 'EMPTY' };
  const host = normalizeHost(input);
  if (host === null) return { ok: false, reason: 'SYNTAX' };
  const info = parse(host, { allowPrivateDomains: false });
  if (info.isIp || host.startsWith('[') || /^\d+(\.\d+){3}$/.test(host)) return { ok: false, reason: 'IP_ADDRESS' };
  if (!info.isIcann || !info.publicSuffix) return { ok: false, reason: 'UNKNOWN_TLD' };
  if (!info.domain) return { ok: false, reason: 'NO_REGISTRABLE_PART' };
  const labels = info.publicSuffix.split('.');
  return {
    ok: true,
    host,
    registrable: info.domain,
    publicSuffix: info.publicSuffix,
    topLabel: labels[labels.length - 1],
    isRegistrable: info.domain === host,
    unicode: toUnicodeHost(host),
  };
}

/** The registrable domain (eTLD+1) of a host, in ASCII, or null for IPs, unknown TLDs and bare suffixes. */
export function registrableDomain(host: string): string | null {
  const p = parseDomain(host);
  return p.ok ? p.registrable : null;
}

/** ASCII form of a suffix label or domain written in Unicode ('中国' → 'xn--fiqs8s'). */
export function toAsciiLabel(label: string): string {
  if (!/[^\u0020-\u007e]/.test(label)) return label.toLowerCase();
  return new URL(`http://x.${label}`).hostname.slice(2);
}

export { toUnicodeHost };
