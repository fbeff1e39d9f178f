import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

/**
 * Phone numbers with libphonenumber-js's full metadata: the default /min metadata only checks length and accepts
 * made-up numbers like 12345678901 (STACK.md pitfall 11).
 */

export type PhoneKind = 'MOBILE' | 'FIXED_LINE' | 'OTHER' | 'INVALID';

export interface ParsedPhone {
  kind: PhoneKind;
  /** National significant number, digits only (13800000001, 2088888888). */
  national: string;
}

/**
 * libphonenumber's /max parse costs tens of microseconds, and a check compares each principal's numbers with every
 * recorded principal (R-SUB-019), so results are memoised. Bounded, because a server process lives long.
 */
const cache = new Map<string, ParsedPhone>();
const CACHE_LIMIT = 10_000;

export function parseCnPhone(input: string): ParsedPhone {
  const hit = cache.get(input);
  if (hit) return hit;
  const parsed = parseUncached(input);
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(input, parsed);
  return parsed;
}

function parseUncached(input: string): ParsedPhone {
  const raw = input.trim();
  if (!/^[+\d][\d\s()-]{5,22}$/.test(raw)) return { kind: 'INVALID', national: '' };
  const p = parsePhoneNumberFromString(raw, 'CN');
  if (p?.country !== 'CN' || !p.isValid()) return { kind: 'INVALID', national: '' };
  const t = p.getType();
  const kind: PhoneKind = t === 'MOBILE' ? 'MOBILE' : t === 'FIXED_LINE' ? 'FIXED_LINE' : 'OTHER';
  return { kind, national: String(p.nationalNumber) };
}

export function isCnMobile(input: string): boolean {
  return parseCnPhone(input).kind === 'MOBILE';
}

/** A fixed line must carry its area code (010-…, 0755-…); libphonenumber only calls it FIXED_LINE when it does. */
export function isCnLandline(input: string): boolean {
  return parseCnPhone(input).kind === 'FIXED_LINE';
}

/** Same number written differently (spaces, dashes, +86) compares equal. */
export function samePhone(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return false;
  const pa = parseCnPhone(a);
  const pb = parseCnPhone(b);
  if (pa.kind === 'INVALID' || pb.kind === 'INVALID') return a.replace(/\D/g, '') === b.replace(/\D/g, '');
  return pa.national === pb.national;
}
