// Who is calling: the session cookie (console) or an API token (`Authorization: Bearer cct_…`, CLI), or nobody.
import type { Kysely } from 'kysely';
import type { SessionUser } from '../api/context.ts';
import type { Database } from '../db/database.ts';
import type { Deps } from '../deps.ts';
import { bearerToken, readCookie, sessionCookieName } from './cookies.ts';
import { API_TOKEN_PREFIX, tokenDigest } from './tokens.ts';

type Headers = Record<string, string | string[] | undefined>;

// last_used_at is informative; writing it at most once a minute keeps reads from turning into writes.
const LAST_USED_GRANULARITY_MS = 60_000;

export async function authenticateRequest(
  deps: Pick<Deps, 'db' | 'now'>,
  headers: Headers,
): Promise<SessionUser | null> {
  const { db } = deps;
  const now = deps.now();
  const bearer = bearerToken(headers);
  if (bearer?.startsWith(API_TOKEN_PREFIX)) return authenticateApiToken(db, bearer, now);
  const token = bearer ?? readCookie(headers, sessionCookieName(headers));
  if (!token) return null;
  const row = await db
    .selectFrom('user_session as s')
    .innerJoin('app_user as u', 'u.id', 's.user_id')
    .select(['s.id as sessionId', 'u.id', 'u.email', 'u.role'])
    .where('s.token_hash', '=', tokenDigest(token))
    .where('s.expires_at', '>', now)
    .where('u.disabled_at', 'is', null)
    .executeTakeFirst();
  if (!row) return null;
  return { id: row.id, email: row.email, role: row.role, credential: { kind: 'session', id: row.sessionId } };
}

async function authenticateApiToken(
  db: Kysely<Database>,
  token: string,
  now: Date,
): Promise<SessionUser | null> {
  const row = await db
    .selectFrom('api_token as t')
    .innerJoin('app_user as u', 'u.id', 't.user_id')
    .select(['t.id as tokenId', 't.name as tokenName', 't.last_used_at', 'u.id', 'u.email', 'u.role'])
    .where('t.token_hash', '=', tokenDigest(token))
    .where('t.revoked_at', 'is', null)
    // A token carries the role its holder had when issuing it, never more: after a role change it is dead.
    .whereRef('t.role', '=', 'u.role')
    // Issued by the holder themselves; anything else is a token "acting as" someone (refused since 2026-11-30).
    .whereRef('t.created_by', '=', 't.user_id')
    .where((eb) => eb.or([eb('t.expires_at', 'is', null), eb('t.expires_at', '>', now)]))
    .where('u.disabled_at', 'is', null)
    .executeTakeFirst();
  if (!row) return null;
  if (!row.last_used_at || now.getTime() - row.last_used_at.getTime() > LAST_USED_GRANULARITY_MS) {
    await db.updateTable('api_token').set({ last_used_at: now }).where('id', '=', row.tokenId).execute();
  }
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    credential: { kind: 'token', id: row.tokenId, name: row.tokenName },
  };
}
