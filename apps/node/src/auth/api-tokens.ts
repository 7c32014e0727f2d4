// API tokens for the CLI: issued by their holder for themselves (carrying the holder's role), listed and revoked.
import { type AppAbility, defineAbilityFor } from '@concord/access';
import { abilityWhere } from '@concord/access/sql';
import { ConcordError } from '@concord/protocol/errors';
import { appendAudit } from '../audit/log.ts';
import type { ApiToken, UserRole } from '../db/tables/auth.table.ts';
import { inTransaction } from '../db/transaction.ts';
import type { Deps } from '../deps.ts';
import { type Actor, auditActor } from './actor.ts';
import { newApiToken, tokenDigest } from './tokens.ts';

export interface ApiTokenView {
  id: string;
  /** The holder: the user who issued it and whose role it carries. */
  userId: string;
  /** The role the token carries (its holder's role when issued). */
  role: UserRole;
  name: string;
  prefix: string;
  createdAt: Date;
  expiresAt: Date | null;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
}

function tokenView(row: ApiToken): ApiTokenView {
  return {
    id: row.id,
    userId: row.user_id,
    role: row.role,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
    lastUsedAt: row.last_used_at,
  };
}

/**
 * Issues a bearer token for the issuer themselves; the secret is returned once and only its digest is stored.
 * The token carries the issuer's current role read from the database, never a role passed in. A `userId` naming
 * anyone else is refused: a token "acting as" another user would let its issuer act in a role they do not hold.
 */
export async function createApiToken(
  deps: Pick<Deps, 'db' | 'now'>,
  input: { name: string; expiresAt?: Date | null | undefined; userId?: string | undefined; actor: Actor },
): Promise<{ token: string; view: ApiTokenView }> {
  const issuer = input.actor;
  const now = deps.now();
  const issuerId = issuer.id;
  if (!issuerId)
    throw new ConcordError('FORBIDDEN', 'an API token is issued by a signed-in user for themselves');
  if (input.userId !== undefined && input.userId !== issuerId) {
    throw new ConcordError('FORBIDDEN', 'an API token is issued by its holder: ask them to issue their own');
  }
  const token = newApiToken();
  return inTransaction(deps.db, async (trx) => {
    const user = await trx
      .selectFrom('app_user')
      .select(['id', 'role'])
      .where('id', '=', issuerId)
      .where('disabled_at', 'is', null)
      .executeTakeFirst();
    if (!user) throw new ConcordError('NOT_FOUND', 'no such active user');
    const row = await trx
      .insertInto('api_token')
      .values({
        user_id: user.id,
        role: user.role,
        name: input.name,
        token_hash: tokenDigest(token),
        prefix: token.slice(0, 10),
        created_by: user.id,
        expires_at: input.expiresAt ?? null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendAudit(trx, {
      action: 'api_token.created',
      subjectType: 'ApiToken',
      subjectId: row.id,
      ...auditActor(issuer),
      at: now,
      data: { userId: user.id, role: user.role, name: input.name },
    });
    return { token, view: tokenView(row) };
  });
}

/** The tokens the caller may see: their own, or every token for an admin. */
export async function listApiTokens(
  deps: Pick<Deps, 'db'>,
  input: { ability: AppAbility; userId?: string | undefined },
): Promise<ApiTokenView[]> {
  const { ability, userId } = input;
  let q = deps.db
    .selectFrom('api_token as t')
    .selectAll('t')
    .where(abilityWhere(ability, 'read', 'ApiToken', { userId: 't.user_id' }))
    .orderBy('t.created_at');
  if (userId) q = q.where('t.user_id', '=', userId);
  return (await q.execute()).map(tokenView);
}

/** Revokes a token the caller may revoke (their own; any for an admin); others look missing. */
export async function revokeApiToken(
  deps: Pick<Deps, 'db' | 'now'>,
  input: { id: string; actor: Actor & { role: UserRole } },
): Promise<ApiTokenView> {
  const { id, actor } = input;
  const now = deps.now();
  const ability = defineAbilityFor({ id: actor.id ?? '', role: actor.role });
  return inTransaction(deps.db, async (trx) => {
    const row = await trx
      .updateTable('api_token as t')
      .set({ revoked_at: now })
      .where('t.id', '=', id)
      .where('t.revoked_at', 'is', null)
      .where(abilityWhere(ability, 'delete', 'ApiToken', { userId: 't.user_id' }))
      .returningAll()
      .executeTakeFirst();
    if (!row) throw new ConcordError('NOT_FOUND', 'no such active token');
    await appendAudit(trx, {
      action: 'api_token.revoked',
      subjectType: 'ApiToken',
      subjectId: id,
      ...auditActor(actor),
      at: now,
      data: { userId: row.user_id },
    });
    return tokenView(row);
  });
}
