import { isCivilDate } from '../dates.ts';
import type { Province } from '../draft.ts';
import { provinceOfCode } from './regions.ts';

/** GB 11643-1999 MOD 11-2: weight of position i (0-based) is 2^(17−i) mod 11; the check maps through this table. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

export type ResidentIdResult =
  | { ok: true; birthDate: string; sex: 'M' | 'F'; regionCode: string; province: Province | undefined }
  | { ok: false; reason: 'FORMAT' | 'BIRTH_DATE' | 'CHECK_DIGIT' };

/** Validates an 18-character resident ID and returns the birth date (for age rules) and the issuing province. */
export function parseResidentId(input: string): ResidentIdResult {
  const id = input.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return { ok: false, reason: 'FORMAT' };
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (!isCivilDate(birthDate) || birthDate < '1800-01-01') return { ok: false, reason: 'BIRTH_DATE' };
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(id[i]) * WEIGHTS[i];
  if (CHECK_CHARS[sum % 11] !== id[17]) return { ok: false, reason: 'CHECK_DIGIT' };
  return {
    ok: true,
    birthDate,
    sex: Number(id[16]) % 2 === 1 ? 'M' : 'F',
    regionCode: id.slice(0, 6),
    province: provinceOfCode(id),
  };
}

export function isValidResidentId(input: string): boolean {
  return parseResidentId(input).ok;
}

/** Completes 17 digits with their check character; used to build test and demo data. */
export function residentIdCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARS[sum % 11];
}
