import { randomBytes, randomUUID } from 'node:crypto';

/** App-generated ids (portable schema: no serial/identity columns; STACK pitfall 8). */
export const newId = (): string => randomUUID();

/** A random numeric string of `digits` digits (account numbers, order numbers) with no leading zero. */
export function randomDigits(digits: number): string {
  const bytes = randomBytes(digits);
  let s = String(1 + (bytes[0] % 9));
  for (let i = 1; i < digits; i++) s += String(bytes[i] % 10);
  return s;
}
