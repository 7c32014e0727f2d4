// Operator console sessions: the operator signs in with the operator token, the browser keeps a random session
// token in an httpOnly SameSite=Strict cookie, and the clean room stores only its SHA-256 (`operator_sessions`).
import { randomBytes } from 'node:crypto';
import { ConcordError } from '@concord/protocol/errors';
import { cookieNameFor, type Headers, headerValue, httpOnlyCookie, readCookie } from '@concord/service';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { sha256 } from '../lib/encoding.ts';
import { secretsEqual } from '../partners/credentials.ts';

export const OPERATOR_COOKIE = 'concord_operator';
/** The console sends this header on every call; a cross-site form or image cannot (CSRF guard, see docs). */
export const CONSOLE_HEADER = 'x-concord-request';
export const SESSION_TTL_SECONDS = 8 * 3600;

function digest(token: string): Uint8Array {
  return sha256('operator-session:', token);
}

export function sessionCookieOf(headers: Headers): string | undefined {
  return readCookie(headers, cookieNameFor(OPERATOR_COOKIE, headers));
}

export function fromConsole(headers: Headers): boolean {
  return headerValue(headers, CONSOLE_HEADER) === '1';
}

export function operatorCookie(token: string, headers: Headers): string {
  const maxAgeSeconds = token ? SESSION_TTL_SECONDS : 0;
  // Secure behind a TLS proxy; a client that fakes the header only restricts its own cookie further.
  const secure = headerValue(headers, 'x-forwarded-proto') === 'https';
  return httpOnlyCookie(cookieNameFor(OPERATOR_COOKIE, headers), token, {
    maxAgeSeconds,
    sameSite: 'Strict',
    secure,
  });
}

/** Checks the operator token and opens a session; the token returned goes only into the cookie. */
export async function signInOperator(
  db: Kysely<Database>,
  now: Date,
  configured: string | undefined,
  offered: string,
): Promise<string> {
  if (!configured || !secretsEqual(offered, configured)) {
    throw new ConcordError('UNAUTHENTICATED', 'that is not the operator token');
  }
  const token = randomBytes(32).toString('base64url');
  await db.deleteFrom('operator_sessions').where('expires_at', '<=', now).execute();
  await db
    .insertInto('operator_sessions')
    .values({
      token_hash: digest(token),
      created_at: now,
      expires_at: new Date(now.getTime() + SESSION_TTL_SECONDS * 1000),
    })
    .execute();
  return token;
}

export async function sessionIsLive(db: Kysely<Database>, now: Date, token: string): Promise<boolean> {
  const row = await db
    .selectFrom('operator_sessions')
    .select('expires_at')
    .where('token_hash', '=', digest(token))
    .executeTakeFirst();
  return !!row && row.expires_at.getTime() > now.getTime();
}

export async function endSession(db: Kysely<Database>, token: string): Promise<void> {
  await db.deleteFrom('operator_sessions').where('token_hash', '=', digest(token)).execute();
}
