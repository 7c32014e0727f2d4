// Password hashing with Node's native scrypt, which runs on libuv's thread pool: a hash (~90 ms) never blocks the
// event loop, so /healthz and every other request stay responsive during a login flood. Cheap parameters under test.
import { randomBytes, type ScryptOptions, scrypt, timingSafeEqual } from 'node:crypto';
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

/** scrypt on the thread pool. Same function as before (RFC 7914), so hashes stored by @noble/hashes still verify. */
function scryptOffLoop(password: string, salt: Buffer, params: ScryptParams, dkLen: number): Promise<Buffer> {
  // Node refuses parameters needing more than `maxmem` (32 MiB by default); scrypt needs 128·N·r·p bytes.
  const options: ScryptOptions = { ...params, maxmem: 128 * params.N * params.r * params.p + 1024 * 1024 };
  return new Promise((resolve, reject) => {
    scrypt(password, salt, dkLen, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

export function defaultScryptParams(): ScryptParams {
  return fastPasswordHashing ? FAST_SCRYPT : STANDARD_SCRYPT;
}

/** Returns `scrypt$N$r$p$<salt b64>$<hash b64>`. */
export async function hashPassword(password: string, params = defaultScryptParams()): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scryptOffLoop(password, salt, params, DK_LEN);
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
  const actual = await scryptOffLoop(password, salt, { N, r, p }, expected.length || DK_LEN);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

let dummy: Promise<string> | undefined;

/** Spends the same time as a real check so unknown emails cannot be told apart by timing. */
export async function burnPasswordCheck(password: string): Promise<false> {
  dummy ??= hashPassword('concord-dummy-password');
  await verifyPassword(password, await dummy);
  return false;
}
