// Users: create, list, change role or disable (which ends their sessions and, for a role change, their tokens).

import { ConcordError } from '@concord/protocol/errors';
import type { Kysely, Transaction } from 'kysely';
import { appendAudit } from '../audit/log.ts';
import type { Database } from '../db/database.ts';
import type { UserRole } from '../db/tables/auth.table.ts';
import { inTransaction } from '../db/transaction.ts';
import type { Deps } from '../deps.ts';
import { type Actor, auditActor, SYSTEM_ACTOR } from './actor.ts';
import { hashPassword, verifyPassword } from './password.ts';
import { assertPasswordPolicy } from './password-policy.ts';
import { clearLoginFailures, LOGIN_LIMIT } from './sessions.ts';

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

/** Creates a user; `actor` (who created them, for the audit event) is the system when absent (seed, setup). */
export async function createUser(
  deps: Pick<Deps, 'db'>,
  input: { email: string; role: UserRole; password: string; displayName?: string | null; actor?: Actor },
): Promise<UserView> {
  const { db } = deps;
  const actor = input.actor ?? SYSTEM_ACTOR;
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
      ...auditActor(actor),
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

export async function listUsers(deps: Pick<Deps, 'db' | 'now'>): Promise<UserView[]> {
  const { db } = deps;
  const now = deps.now();
  const rows = await db.selectFrom('app_user').selectAll().orderBy('email').execute();
  const locked = await lockedOutEmails(db, now);
  return rows.map((row) => toView(row, locked.has(row.email)));
}

/** Lifts every sign-in pause on the account (all addresses); audited. */
export async function unlockUser(
  deps: Pick<Deps, 'db' | 'now'>,
  input: { id: string; actor: Actor },
): Promise<UserView> {
  const { id, actor } = input;
  const now = deps.now();
  return inTransaction(deps.db, async (trx) => {
    const row = await trx.selectFrom('app_user').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new ConcordError('NOT_FOUND', 'no such user');
    await clearLoginFailures(trx, row.email);
    await appendAudit(trx, {
      action: 'user.unlocked',
      subjectType: 'User',
      subjectId: id,
      ...auditActor(actor),
      at: now,
    });
    return toView(row);
  });
}

/**
 * Setting someone else's password is a way to sign in as them, so it is allowed only on an account whose role
 * the actor holds too (an admin resets another admin). A compliance officer's or marketer's password is changed by
 * that person (`auth.changePassword`); the system (server-side setup, no API) may set any.
 */
async function assertMaySetPassword(
  trx: Transaction<Database>,
  actor: Actor,
  target: { id: string; role: UserRole },
): Promise<void> {
  if (actor.id === null || actor.id === target.id) return;
  const me = await trx.selectFrom('app_user').select('role').where('id', '=', actor.id).executeTakeFirst();
  if (me?.role !== target.role) {
    throw new ConcordError(
      'FORBIDDEN',
      `a ${target.role}'s password is changed by that user (auth.changePassword): setting it would let you sign in as them`,
    );
  }
}

/** What an admin may change on a user (each field only when given). */
export interface UserChange {
  id: string;
  role?: UserRole;
  displayName?: string | null;
  disabled?: boolean;
  password?: string;
}

/** Changes role, name or disabled flag; disabling or a role change ends the user's sessions. */
export async function updateUser(
  deps: Pick<Deps, 'db' | 'now'>,
  input: UserChange & { actor: Actor },
): Promise<UserView> {
  const { actor } = input;
  const now = deps.now();
  if (input.password !== undefined) assertPasswordPolicy(input.password);
  const passwordHash = input.password === undefined ? undefined : await hashPassword(input.password);
  return inTransaction(deps.db, async (trx) => {
    const before = await trx.selectFrom('app_user').selectAll().where('id', '=', input.id).executeTakeFirst();
    if (!before) throw new ConcordError('NOT_FOUND', 'no such user');
    if (actor.id === input.id && (input.disabled === true || (input.role && input.role !== before.role))) {
      throw new ConcordError('CONFLICT', 'you cannot disable yourself or change your own role');
    }
    if (passwordHash !== undefined) await assertMaySetPassword(trx, actor, before);
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
    // A token carries the role it was issued with; after a role change it must not outlive it.
    if (row.role !== before.role) {
      await trx
        .updateTable('api_token')
        .set({ revoked_at: now })
        .where('user_id', '=', input.id)
        .where('revoked_at', 'is', null)
        .execute();
    }
    await appendAudit(trx, {
      action: 'user.updated',
      subjectType: 'User',
      subjectId: row.id,
      ...auditActor(actor),
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

/** A user changes their own password (current one required); ends their sessions, as any password change does. */
export async function changeOwnPassword(
  deps: Pick<Deps, 'db' | 'now'>,
  input: { currentPassword: string; newPassword: string; actor: Actor },
): Promise<void> {
  const { actor } = input;
  if (!actor.id) throw new ConcordError('UNAUTHENTICATED', 'sign in first');
  const row = await deps.db
    .selectFrom('app_user')
    .select(['password_hash', 'email'])
    .where('id', '=', actor.id)
    .executeTakeFirst();
  if (!row) throw new ConcordError('NOT_FOUND', 'no such user');
  // BAD_INPUT, not UNAUTHENTICATED: the caller is signed in, the form field is wrong.
  if (!(await verifyPassword(input.currentPassword, row.password_hash))) {
    throw new ConcordError('BAD_INPUT', 'the current password is wrong', { field: 'currentPassword' });
  }
  if (input.newPassword === input.currentPassword) {
    throw new ConcordError('BAD_INPUT', 'the new password must differ from the current one', {
      field: 'newPassword',
    });
  }
  assertPasswordPolicy(input.newPassword, row.email, 'newPassword');
  await updateUser(deps, { id: actor.id, password: input.newPassword, actor });
}
