// The working customer record: edit contact fields, tags and social profiles; assign the account manager (owner).
// Who may change a record is decided by the caller (`authorize`, the CASL row check) inside the transaction.
import { ConcordError } from '@concord/protocol/errors';
import type { Kysely, Transaction } from 'kysely';
import { appendAudit } from '../../audit/log.ts';
import type { Actor } from '../../auth/actor.ts';
import type { Database } from '../../db/database.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { Deps } from '../../deps.ts';
import { upsertCustomers } from './upsert-customers.ts';

/** A profile edit (undefined = keep, null = clear; lists replace). Validated by customers.updateProfile's schema. */
export interface CustomerProfilePatch {
  firstName?: string | null | undefined;
  lastName?: string | null | undefined;
  street?: string | null | undefined;
  postalCode?: string | null | undefined;
  city?: string | null | undefined;
  country?: string | null | undefined;
  birthDate?: string | null | undefined;
  emails?: string[] | undefined;
  phones?: string[] | undefined;
  tags?: string[] | undefined;
  socialProfiles?: { network: string; handle: string }[] | undefined;
}

/** Row-level check: throws FORBIDDEN when the caller may not change a customer owned by `ownerId`. */
export type AuthorizeRecord = (ownerId: string | null) => void;

/** Roles that can manage customers, so can be account managers. */
const MANAGER_ROLES = ['admin', 'marketer'] as const;

/** Locks live customers (in id order, so concurrent bulk edits cannot deadlock) and authorizes each row. */
export async function lockCustomers(
  trx: Transaction<Database>,
  ids: readonly string[],
  authorize: AuthorizeRecord,
) {
  const unique = [...new Set(ids)].sort();
  const rows = await trx
    .selectFrom('customer')
    .select(['id', 'external_id', 'owner_id', 'tags'])
    .where('id', 'in', unique)
    .where('deleted_at', 'is', null)
    .orderBy('id')
    .forUpdate()
    .execute();
  if (rows.length !== unique.length) throw new ConcordError('NOT_FOUND', 'no such customer');
  for (const c of rows) authorize(c.owner_id);
  return rows;
}

async function lockCustomer(trx: Transaction<Database>, id: string, authorize: AuthorizeRecord) {
  const [c] = await lockCustomers(trx, [id], authorize);
  return c!;
}

function uniqueTags(tags: readonly string[]): string[] {
  return [...new Set(tags)].sort();
}

async function replaceSocialProfiles(
  trx: Transaction<Database>,
  customerId: string,
  profiles: NonNullable<CustomerProfilePatch['socialProfiles']>,
  actorId: string | null,
) {
  const keep = new Map(profiles.map((p) => [`${p.network}\u0000${p.handle}`, p]));
  const current = await trx
    .selectFrom('customer_social_profile')
    .select(['network', 'handle'])
    .where('customer_id', '=', customerId)
    .execute();
  for (const c of current) {
    const key = `${c.network}\u0000${c.handle}`;
    if (keep.has(key)) keep.delete(key);
    else
      await trx
        .deleteFrom('customer_social_profile')
        .where('customer_id', '=', customerId)
        .where('network', '=', c.network)
        .where('handle', '=', c.handle)
        .execute();
  }
  if (keep.size === 0) return;
  // Profiles already on the record keep the time they were added (the timeline shows when a channel appeared).
  await trx
    .insertInto('customer_social_profile')
    .values([...keep.values()].map((p) => ({ customer_id: customerId, ...p, added_by: actorId })))
    .execute();
}

/** Applies a profile patch (undefined = keep) in one transaction; returns nothing, the caller re-reads. */
export async function updateCustomerProfile(
  deps: Pick<Deps, 'db' | 'now'>,
  input: {
    id: string;
    patch: CustomerProfilePatch;
    actor: Actor;
    defaultRegion?: string;
    authorize: AuthorizeRecord;
  },
): Promise<void> {
  const { tags, socialProfiles, ...fields } = input.patch;
  const now = deps.now();
  await inTransaction(deps.db, async (trx) => {
    const c = await lockCustomer(trx, input.id, input.authorize);
    await upsertCustomers(trx, [{ ...fields, externalId: c.external_id }], {
      defaultRegion: input.defaultRegion,
    });
    if (tags) {
      await trx
        .updateTable('customer')
        .set({ tags: uniqueTags(tags), updated_at: now })
        .where('id', '=', input.id)
        .execute();
    }
    if (socialProfiles) await replaceSocialProfiles(trx, input.id, socialProfiles, input.actor.id);
  });
}

/** Sets (or clears) the account manager; the new owner must be an active admin or marketer. Audited. */
export async function assignCustomerOwner(
  deps: Pick<Deps, 'db' | 'now'>,
  input: { id: string; ownerId: string | null; actor: Actor; authorize: AuthorizeRecord },
): Promise<void> {
  await inTransaction(deps.db, async (trx) => {
    const c = await lockCustomer(trx, input.id, input.authorize);
    await assertAccountManager(trx, input.ownerId);
    await setOwner({ db: trx, now: deps.now }, { customer: c, ownerId: input.ownerId, actor: input.actor });
  });
}

/** The new owner must be an active admin or marketer (null = no owner). */
export async function assertAccountManager(
  trx: Transaction<Database>,
  ownerId: string | null,
): Promise<void> {
  if (ownerId === null) return;
  const u = await trx
    .selectFrom('app_user')
    .select(['role', 'disabled_at'])
    .where('id', '=', ownerId)
    .executeTakeFirst();
  if (!u || u.disabled_at !== null || !(MANAGER_ROLES as readonly string[]).includes(u.role)) {
    throw new ConcordError('BAD_INPUT', 'choose an active marketer or administrator as account manager', {
      field: 'ownerId',
    });
  }
}

/** Sets the owner of a locked, authorized record; one audit event when it changes. Returns whether it did. */
export async function setOwner(
  deps: { db: Transaction<Database>; now: Deps['now'] },
  input: { customer: { id: string; owner_id: string | null }; ownerId: string | null; actor: Actor },
): Promise<boolean> {
  const c = input.customer;
  if (c.owner_id === input.ownerId) return false;
  const now = deps.now();
  const trx = deps.db;
  await trx
    .updateTable('customer')
    .set({ owner_id: input.ownerId, updated_at: now })
    .where('id', '=', c.id)
    .execute();
  await appendAudit(trx, {
    action: 'customer.owner_assigned',
    subjectType: 'Customer',
    subjectId: c.id,
    actorId: input.actor.id,
    actor: input.actor.email,
    at: now,
    data: { from: c.owner_id, to: input.ownerId },
  });
  return true;
}

export interface AccountManager {
  id: string;
  email: string;
  displayName: string | null;
  role: string;
}

/** Users who can be account managers (active admins and marketers), for the owner picker. */
export async function listAccountManagers(db: Kysely<Database>): Promise<AccountManager[]> {
  const rows = await db
    .selectFrom('app_user')
    .select(['id', 'email', 'display_name', 'role'])
    .where('disabled_at', 'is', null)
    .where('role', 'in', [...MANAGER_ROLES])
    .orderBy('email')
    .execute();
  return rows.map((r) => ({ id: r.id, email: r.email, displayName: r.display_name, role: r.role }));
}
