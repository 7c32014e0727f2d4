// Password hashing with scrypt (@noble/hashes): ~90 ms per hash in production, cheap parameters under test.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { scryptAsync } from '@noble/hashes/scrypt.js';
import { fastPasswordHashing } from '../env.ts';

export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

/** N=2^14, r=8, p=1: about 90 ms on one core of a 2024 laptop; raise N as hardware gets faster. */
export const STANDARD_SCRYPT: ScryptParams = { N: 2 ** 14, r: 8, p: 1 };
/** Only for tests (NODE_ENV=test) and the demo seed: the stored string records the parameters used. */
export const FAST_SCRYPT: ScryptParams = { N: 2 ** 10, r: 8, p: 1 };

const DK_LEN = 32;

export function defaultScryptParams(): ScryptParams {
  return fastPasswordHashing ? FAST_SCRYPT : STANDARD_SCRYPT;
}

/** Returns `scrypt$N$r$p$<salt b64>$<hash b64>`. */
export async function hashPassword(password: string, params = defaultScryptParams()): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scryptAsync(password, salt, { ...params, dkLen: DK_LEN });
  return [
    'scrypt',
    params.N,
    params.r,
    params.p,
    salt.toString('base64'),
    Buffer.from(hash).toString('base64'),
  ].join('$');
}

/** Constant-time check of a password against a stored hash; false for malformed hashes. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [N, r, p] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  if (![N, r, p].every((n) => Number.isInteger(n) && n > 0) || N > 2 ** 20) return false;
  const salt = Buffer.from(parts[4]!, 'base64');
  const expected = Buffer.from(parts[5]!, 'base64');
  const actual = await scryptAsync(password, salt, { N, r, p, dkLen: expected.length || DK_LEN });
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

let dummy: Promise<string> | undefined;

/** Spends the same time as a real check so unknown emails cannot be told apart by timing. */
export async function burnPasswordCheck(password: string): Promise<void> {
  dummy ??= hashPassword('concord-dummy-password');
  await verifyPassword(password, await dummy);
}
