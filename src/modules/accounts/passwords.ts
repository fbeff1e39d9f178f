import { hash, verify } from '@node-rs/argon2';

// Argon2id is the library default; we pass no `algorithm` because its enum is an ambient const enum that
// isolatedModules cannot import (STACK pitfall 12). Parameters: OWASP's m=19 MiB, t=2, p=1.
const params = { memoryCost: 19456, timeCost: 2, parallelism: 1 };

export const hashPassword = (password: string): Promise<string> => hash(password, params);

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}

let dummy: Promise<string> | undefined;
/** Verifying against this when the user does not exist keeps unknown and known emails alike in timing. */
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword('beian-timing-equaliser');
  return dummy;
}
