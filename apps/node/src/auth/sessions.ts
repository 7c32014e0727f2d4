// Password login with back-off per account+source and per source, browser sessions (cookie token, SHA-256 stored).
import { ConcordError } from '@concord/protocol/errors';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/database.ts';
import type { UserRole } from '../db/tables/auth.table.ts';
import type { Deps } from '../deps.ts';
import type { LoginGuard } from './login-guard.ts';
import { burnPasswordCheck, verifyPassword } from './password.ts';
import { newSessionToken, tokenDigest } from './tokens.ts';

export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
/**
 * Failures allowed inside the window per account and source (email + client address), and per source over all
 * accounts (password spraying). There is deliberately no per-account limit from anywhere: that would let a
 * stranger lock a user out. An admin can clear an account's failures (users.unlock).
 */
export const LOGIN_LIMIT = { window: 15 * 60 * 1000, perAccountAndSource: 5, perSource: 30 } as const;

export interface LoginResult {
  token: string;
  expiresAt: Date;
  user: { id: string; email: string; role: UserRole };
}

function minutesUntil(oldest: Date | null, now: Date): number {
  const ends = (oldest?.getTime() ?? now.getTime()) + LOGIN_LIMIT.window;
  return Math.max(1, Math.ceil((ends - now.getTime()) / 60_000));
}

/** Refuses while this account has too many recent failures from this source, or the source from all accounts. */
async function checkFailures(db: Kysely<Database>, email: string, ip: string, now: Date): Promise<void> {
  const since = new Date(now.getTime() - LOGIN_LIMIT.window);
  const counts = await db
    .selectFrom('login_failure')
    .where('ip', '=', ip)
    .where('at', '>', since)
    .select((eb) => [
      eb.fn.countAll<number>().as('source'),
      eb.fn.min<Date>('at').as('sourceOldest'),
      eb.fn.count<number>(sql`case when email = ${email} then 1 end`).as('account'),
      eb.fn.min<Date>(sql`case when email = ${email} then at end`).as('accountOldest'),
    ])
    .executeTakeFirstOrThrow();
  if (Number(counts.account) >= LOGIN_LIMIT.perAccountAndSource) {
    const minutes = minutesUntil(counts.accountOldest, now);
    throw new ConcordError(
      'RATE_LIMITED',
      `too many failed sign-ins for this account from your address; try again in ${minutes} min or ask an administrator to unlock it`,
      { retryAfterSeconds: minutes * 60 },
    );
  }
  if (Number(counts.source) >= LOGIN_LIMIT.perSource) {
    const minutes = minutesUntil(counts.sourceOldest, now);
    throw new ConcordError(
      'RATE_LIMITED',
      `too many failed sign-ins from your address; try again in ${minutes} min`,
      { retryAfterSeconds: minutes * 60 },
    );
  }
}

/**
 * Checks the source's attempt budget and recent failures, then the password (in a hashing slot, off the event
 * loop); records failures; on success starts a session.
 */
export async function login(
  deps: Pick<Deps, 'db' | 'now'> & { loginGuard: LoginGuard },
  input: { email: string; password: string; ip: string; userAgent?: string | null },
): Promise<LoginResult> {
  const { db, loginGuard: guard } = deps;
  const now = deps.now();
  guard.admit(input.ip, now.getTime());
  guard.checkCapacity();
  const email = input.email.trim().toLowerCase();
  await checkFailures(db, email, input.ip, now);
  const user = await db
    .selectFrom('app_user')
    .select(['id', 'email', 'role', 'password_hash', 'disabled_at'])
    .where('email', '=', email)
    .executeTakeFirst();
  // An unknown email spends the same hashing time (and slot), so it cannot be told apart.
  const ok = await guard.hashing(() =>
    user ? verifyPassword(input.password, user.password_hash) : burnPasswordCheck(input.password),
  );
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

export async function logout(deps: Pick<Deps, 'db'>, token: string): Promise<void> {
  await deps.db.deleteFrom('user_session').where('token_hash', '=', tokenDigest(token)).execute();
}

/** Forgets an account's failed sign-ins from every source (admin unlock, password reset). */
export async function clearLoginFailures(db: Kysely<Database>, email: string): Promise<void> {
  await db.deleteFrom('login_failure').where('email', '=', email).execute();
}
