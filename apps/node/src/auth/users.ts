// Users and their API tokens: create, list, change role or disable (which ends their sessions), issue and revoke tokens.
import { ConcordError } from '@concord/protocol/errors';
import type { Kysely, Transaction } from 'kysely';
import { appendAudit } from '../audit/log.ts';
import type { Database } from '../db/database.ts';
import type { UserRole } from '../db/tables/auth.table.ts';
import { hashPassword } from './password.ts';
import { assertPasswordPolicy } from './password-policy.ts';
import { clearLoginFailures, LOGIN_LIMIT } from './sessions.ts';
import { newApiToken, tokenDigest } from './tokens.ts';

export interface Actor {
  id: string | null;
  email: string;
}

/** The system itself (seed, sweeps), for audit events without a signed-in user. */
export const SYSTEM_ACTOR: Actor = { id: null, email: 'system' };

export interface UserView {
  id: string;
  email: string;
  role: UserRole;
  displayName: string | null;
  disabled: boolean;
  /** Sign-in is paused for this account from at least one address (too many failures there). */
  lockedOut: boolean;
  createdAt: Date;
}

/** Runs `fn` in a transaction, joining the caller's if `db` already is one. */
export function inTransaction<T>(
  db: Kysely<Database>,
  fn: (trx: Transaction<Database>) => Promise<T>,
): Promise<T> {
  if (db.isTransaction) return fn(db as Transaction<Database>);
  return db.transaction().execute(fn);
}

export async function createUser(
  db: Kysely<Database>,
  input: { email: string; role: UserRole; password: string; displayName?: string | null },
  actor: Actor = SYSTEM_ACTOR,
): Promise<UserView> {
  const email = input.email.trim().toLowerCase();
  assertPasswordPolicy(input.password, email);
  const passwordHash = await hashPassword(input.password);
  return inTransaction(db, async (trx) => {
    const row = await trx
      .insertInto('app_user')
      .values({
        email,
        role: input.role,
        password_hash: passwordHash,
        display_name: input.displayName ?? null,
      })
      .onConflict((oc) => oc.column('email').doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!row) throw new ConcordError('CONFLICT', `a user with email ${email} exists`);
    await appendAudit(trx, {
      action: 'user.created',
      subjectType: 'User',
      subjectId: row.id,
      actorId: actor.id,
      actor: actor.email,
      data: { role: row.role },
    });
    return toView(row);
  });
}

function toView(
  row: {
    id: string;
    email: string;
    role: UserRole;
    display_name: string | null;
    disabled_at: Date | null;
    created_at: Date;
  },
  lockedOut = false,
): UserView {
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    displayName: row.display_name,
    disabled: row.disabled_at !== null,
    lockedOut,
    createdAt: row.created_at,
  };
}

/** Emails with a paused sign-in from some address (as many recent failures there as the limit allows). */
async function lockedOutEmails(db: Kysely<Database>, now: Date): Promise<Set<string>> {
  const rows = await db
    .selectFrom('login_failure')
    .select('email')
    .where('at', '>', new Date(now.getTime() - LOGIN_LIMIT.window))
    .groupBy(['email', 'ip'])
    .having((eb) => eb.fn.countAll(), '>=', LOGIN_LIMIT.perAccountAndSource)
    .execute();
  return new Set(rows.map((r) => r.email));
}

export async function listUsers(db: Kysely<Database>, now: Date = new Date()): Promise<UserView[]> {
  const rows = await db.selectFrom('app_user').selectAll().orderBy('email').execute();
  const locked = await lockedOutEmails(db, now);
  return rows.map((row) => toView(row, locked.has(row.email)));
}

/** Lifts every sign-in pause on the account (all addresses); audited. */
export async function unlockUser(
  db: Kysely<Database>,
  id: string,
  actor: Actor,
  now = new Date(),
): Promise<UserView> {
  return inTransaction(db, async (trx) => {
    const row = await trx.selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new ConcordError('NOT_FOUND', 'no such user');
    await clearLoginFailures(trx, row.email);
    await appendAudit(trx, {
      action: 'user.unlocked',
      subjectType: 'User',
      subjectId: id,
      actorId: actor.id,
      actor: actor.email,
      at: now,
    });
    return toView(row);
  });
}

/** Changes role, name or disabled flag; disabling or a role change ends the user's sessions. */
export async function updateUser(
  db: Kysely<Database>,
  input: { id: string; role?: UserRole; displayName?: string | null; disabled?: boolean; password?: string },
  actor: Actor,
  now: Date = new Date(),
): Promise<UserView> {
  if (input.password !== undefined) assertPasswordPolicy(input.password);
  const passwordHash = input.password === undefined ? undefined : await hashPassword(input.password);
  return inTransaction(db, async (trx) => {
    const before = await trx.selectFrom('app_user').selectAll().where('id', '=', input.id).executeTakeFirst();
    if (!before) throw new ConcordError('NOT_FOUND', 'no such user');
    if (actor.id === input.id && (input.disabled === true || (input.role && input.role !== before.role))) {
      throw new ConcordError('CONFLICT', 'you cannot disable yourself or change your own role');
    }
    const row = await trx
      .updateTable('app_user')
      .set({
        ...(input.role ? { role: input.role } : {}),
        ...(input.displayName !== undefined ? { display_name: input.displayName } : {}),
        ...(input.disabled !== undefined ? { disabled_at: input.disabled ? now : null } : {}),
        ...(passwordHash ? { password_hash: passwordHash } : {}),
        updated_at: now,
      })
      .where('id', '=', input.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const endSessions = input.disabled === true || passwordHash !== undefined || row.role !== before.role;
    if (endSessions) await trx.deleteFrom('user_session').where('user_id', '=', input.id).execute();
    // A reset password is the admin's answer to a locked-out user: the old failures no longer count.
    if (passwordHash) await clearLoginFailures(trx, row.email);
    await appendAudit(trx, {
      action: 'user.updated',
      subjectType: 'User',
      subjectId: row.id,
      actorId: actor.id,
      actor: actor.email,
      at: now,
      data: {
        ...(row.role !== before.role ? { role: { from: before.role, to: row.role } } : {}),
        ...(input.disabled !== undefined ? { disabled: input.disabled } : {}),
        ...(passwordHash ? { passwordChanged: true } : {}),
      },
    });
    return toView(row);
  });
}

export interface ApiTokenView {
  id: string;
  userId: string;
  name: string;
  prefix: string;
  createdAt: Date;
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
}

/** Issues a bearer token for the CLI; the secret is returned once and only its digest is stored. */
export async function createApiToken(
  db: Kysely<Database>,
  input: { userId: string; name: string; expiresAt?: Date | null },
  actor: Actor,
  now: Date = new Date(),
): Promise<{ token: string; view: ApiTokenView }> {
  const token = newApiToken();
  return inTransaction(db, async (trx) => {
    const user = await trx
      .selectFrom('app_user')
      .select('id')
      .where('id', '=', input.userId)
      .executeTakeFirst();
    if (!user) throw new ConcordError('NOT_FOUND', 'no such user');
    const row = await trx
      .insertInto('api_token')
      .values({
        user_id: input.userId,
        name: input.name,
        token_hash: tokenDigest(token),
        prefix: token.slice(0, 10),
        created_by: actor.id,
        expires_at: input.expiresAt ?? null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendAudit(trx, {
      action: 'api_token.created',
      subjectType: 'ApiToken',
      subjectId: row.id,
      actorId: actor.id,
      actor: actor.email,
      at: now,
      data: { userId: input.userId, name: input.name },
    });
    return { token, view: tokenView(row) };
  });
}

function tokenView(row: {
  id: string;
  user_id: string;
  name: string;
  prefix: string;
  created_at: Date;
  expires_at: Date | null;
  revoked_at: Date | null;
  last_used_at: Date | null;
}): ApiTokenView {
  return {
    id: row.id,
    userId: row.user_id,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
    lastUsedAt: row.last_used_at,
  };
}

export async function listApiTokens(db: Kysely<Database>, userId?: string): Promise<ApiTokenView[]> {
  let q = db.selectFrom('api_token').selectAll().orderBy('created_at');
  if (userId) q = q.where('user_id', '=', userId);
  return (await q.execute()).map(tokenView);
}

export async function revokeApiToken(
  db: Kysely<Database>,
  id: string,
  actor: Actor,
  now: Date = new Date(),
): Promise<ApiTokenView> {
  return inTransaction(db, async (trx) => {
    const row = await trx
      .updateTable('api_token')
      .set({ revoked_at: now })
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw new ConcordError('NOT_FOUND', 'no such active token');
    await appendAudit(trx, {
      action: 'api_token.revoked',
      subjectType: 'ApiToken',
      subjectId: id,
      actorId: actor.id,
      actor: actor.email,
      at: now,
    });
    return tokenView(row);
  });
}
