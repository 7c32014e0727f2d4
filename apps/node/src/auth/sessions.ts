// Password login with a per email+IP rate limit, browser sessions (cookie token, SHA-256 stored), logout.
import { ConcordError } from '@concord/protocol/errors';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/database.ts';
import type { UserRole } from '../db/tables/auth.table.ts';
import { burnPasswordCheck, verifyPassword } from './password.ts';
import { newSessionToken, tokenDigest } from './tokens.ts';

export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
/** Failures allowed per email+IP, and per email from anywhere, inside the window before RATE_LIMITED. */
export const LOGIN_LIMIT = { window: 15 * 60 * 1000, perEmailAndIp: 5, perEmail: 20 } as const;

export interface LoginResult {
  token: string;
  expiresAt: Date;
  user: { id: string; email: string; role: UserRole };
}

/** Checks the rate limit, then the password; records failures; on success starts a session. */
export async function login(
  db: Kysely<Database>,
  input: { email: string; password: string; ip: string; userAgent?: string | null },
  now: Date = new Date(),
): Promise<LoginResult> {
  const email = input.email.trim().toLowerCase();
  const since = new Date(now.getTime() - LOGIN_LIMIT.window);
  const counts = await db
    .selectFrom('login_failure')
    .where('email', '=', email)
    .where('at', '>', since)
    .select((eb) => [
      eb.fn.countAll<number>().as('all'),
      eb.fn.count<number>(sql`case when ip = ${input.ip} then 1 end`).as('here'),
    ])
    .executeTakeFirstOrThrow();
  if (Number(counts.here) >= LOGIN_LIMIT.perEmailAndIp || Number(counts.all) >= LOGIN_LIMIT.perEmail) {
    throw new ConcordError('RATE_LIMITED', 'too many failed sign-ins; try again in 15 minutes');
  }
  const user = await db
    .selectFrom('app_user')
    .select(['id', 'email', 'role', 'password_hash', 'disabled_at'])
    .where('email', '=', email)
    .executeTakeFirst();
  let ok = false;
  if (user) ok = await verifyPassword(input.password, user.password_hash);
  else await burnPasswordCheck(input.password);
  if (!user || !ok || user.disabled_at) {
    await db.insertInto('login_failure').values({ email, ip: input.ip, at: now }).execute();
    await db
      .deleteFrom('login_failure')
      .where('at', '<', new Date(now.getTime() - 24 * 3600 * 1000))
      .execute();
    throw new ConcordError('UNAUTHENTICATED', 'wrong email or password');
  }
  await db.deleteFrom('login_failure').where('email', '=', email).where('ip', '=', input.ip).execute();
  const token = newSessionToken();
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
  await db
    .insertInto('user_session')
    .values({
      token_hash: tokenDigest(token),
      user_id: user.id,
      created_at: now,
      expires_at: expiresAt,
      ip: input.ip,
      user_agent: input.userAgent?.slice(0, 300) ?? null,
    })
    .execute();
  // Expired sessions are only garbage; cleaning them here keeps the table small without a scheduler.
  await db.deleteFrom('user_session').where('expires_at', '<', now).execute();
  return { token, expiresAt, user: { id: user.id, email: user.email, role: user.role } };
}

export async function logout(db: Kysely<Database>, token: string): Promise<void> {
  await db.deleteFrom('user_session').where('token_hash', '=', tokenDigest(token)).execute();
}
