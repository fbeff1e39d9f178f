import type { Province } from '../draft.ts';
import { provinceOfCode } from './regions.ts';

/** GB 32100-2015: 31 characters (no I, O, S, V, Z), weights 3^i mod 31, check = (31 − sum mod 31) mod 31. */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export type UsccResult =
  | { ok: true; regionCode: string; province: Province | undefined }
  | { ok: false; reason: 'FORMAT' | 'CHECK_CHAR' };

export function parseUscc(input: string): UsccResult {
  const code = input.trim().toUpperCase();
  if (code.length !== 18 || ![...code].every((c) => ALPHABET.includes(c))) return { ok: false, reason: 'FORMAT' };
  // Characters 3–8 are the registering authority's GB/T 2260 region code, so they must be digits.
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}/.test(code)) return { ok: false, reason: 'FORMAT' };
  if (usccCheckChar(code.slice(0, 17)) !== code[17]) return { ok: false, reason: 'CHECK_CHAR' };
  const regionCode = code.slice(2, 8);
  return { ok: true, regionCode, province: provinceOfCode(regionCode) };
}

export function isValidUscc(input: string): boolean {
  return parseUscc(input).ok;
}

export function usccCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += ALPHABET.indexOf(first17[i]) * WEIGHTS[i];
  return ALPHABET[(31 - (sum % 31)) % 31];
}

/**
 * Old business registration number (注册号): 15 digits whose first six are the region code. Its check digit scheme
 * was never applied consistently across provinces, so only the shape is checked (R-SUB-002).
 */
export function parseRegistrationNumber(input: string): { ok: true; province: Province | undefined } | { ok: false } {
  const n = input.trim();
  if (!/^\d{15}$/.test(n)) return { ok: false };
  return { ok: true, province: provinceOfCode(n) };
}
