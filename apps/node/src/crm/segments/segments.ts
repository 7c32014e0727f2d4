// Saved segments: CRUD, live count preview, materialized membership with a timestamp, and member paging.
import { ConcordError } from '@concord/protocol/errors';
import { type Kysely, sql, type Transaction } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { Segment } from '../../db/tables/crm.table.ts';
import type { Deps } from '../../deps.ts';
import { compileSegment, type SegmentQuery } from './compile.ts';
import { SegmentRule } from './rule.ts';

export interface SegmentView {
  id: string;
  name: string;
  description: string | null;
  rule: SegmentRule;
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
  materializedAt: Date | null;
  memberCount: number | null;
}

function toView(s: Segment): SegmentView {
  return {
    id: s.id,
    name: s.name,
    description: s.description,
    rule: SegmentRule.parse(s.rule),
    createdBy: s.created_by,
    createdAt: s.created_at,
    updatedAt: s.updated_at,
    materializedAt: s.materialized_at,
    memberCount: s.member_count,
  };
}

/**
 * Session settings for evaluating a segment inside `trx`: the hash set operations over a million customer ids
 * need more than Postgres' default 4 MB of work memory, or they fall back to sorting on disk (2-3x slower).
 * Call it first in any transaction that runs a compiled segment (counting, materializing, publishing).
 */
export async function tuneForSegments(trx: Transaction<Database>): Promise<void> {
  await sql`set local work_mem = '64MB'`.execute(trx);
}

/** How many customers match `rule` right now (`deps.now()`). */
export async function countSegment(
  deps: Pick<Deps, 'db' | 'now'>,
  input: { rule: SegmentRule },
): Promise<number> {
  const asOf = deps.now();
  return deps.db.transaction().execute(async (trx) => {
    await tuneForSegments(trx);
    const row = await trx
      .selectFrom(compileSegment(trx, input.rule, asOf).as('s'))
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  });
}

async function loadSegment(db: Kysely<Database>, id: string): Promise<Segment> {
  const s = await db
    .selectFrom('segment')
    .selectAll()
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  if (!s) throw new ConcordError('NOT_FOUND', 'no such segment');
  return s;
}

export async function getSegment(db: Kysely<Database>, id: string): Promise<SegmentView> {
  return toView(await loadSegment(db, id));
}

/**
 * The live member query of a saved segment (the publisher streams from it; run it in a transaction after
 * `tuneForSegments`). NOT_FOUND for unknown or deleted segments.
 */
export async function segmentCustomerIdsQuery(
  db: Kysely<Database>,
  segmentId: string,
  asOf: Date,
): Promise<SegmentQuery> {
  const s = await loadSegment(db, segmentId);
  return compileSegment(db, SegmentRule.parse(s.rule), asOf);
}

export async function listSegments(db: Kysely<Database>): Promise<SegmentView[]> {
  const rows = await db
    .selectFrom('segment')
    .selectAll()
    .where('deleted_at', 'is', null)
    .orderBy('name')
    .orderBy('id')
    .execute();
  return rows.map(toView);
}

export async function createSegment(
  deps: Pick<Deps, 'db' | 'now'>,
  input: { name: string; description?: string | null; rule: SegmentRule; createdBy: string },
): Promise<SegmentView> {
  const now = deps.now();
  const row = await deps.db
    .insertInto('segment')
    .values({
      name: input.name,
      description: input.description ?? null,
      rule: JSON.stringify(input.rule),
      created_by: input.createdBy,
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toView(row);
}

/** Renames or changes the rule; a changed rule clears the materialized membership (it no longer matches). */
export async function updateSegment(
  deps: Pick<Deps, 'db' | 'now'>,
  input: { id: string; patch: { name?: string; description?: string | null; rule?: SegmentRule } },
): Promise<SegmentView> {
  const { id, patch } = input;
  const now = deps.now();
  return deps.db.transaction().execute(async (trx) => {
    await loadSegment(trx, id);
    if (patch.rule) await trx.deleteFrom('segment_member').where('segment_id', '=', id).execute();
    const row = await trx
      .updateTable('segment')
      .set({
        updated_at: now,
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...(patch.description !== undefined ? { description: patch.description } : {}),
        ...(patch.rule
          ? { rule: JSON.stringify(patch.rule), materialized_at: null, member_count: null }
          : {}),
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return toView(row);
  });
}

/** Soft delete (`deleted`) or restore a segment; its materialized members are kept for a restore. */
export async function setSegmentDeleted(
  deps: Pick<Deps, 'db' | 'now'>,
  input: { id: string; deleted: boolean },
): Promise<SegmentView> {
  const { id, deleted } = input;
  const now = deps.now();
  const row = await deps.db
    .updateTable('segment')
    .set({ deleted_at: deleted ? now : null, updated_at: now })
    .where('id', '=', id)
    .where('deleted_at', deleted ? 'is' : 'is not', null)
    .returningAll()
    .executeTakeFirst();
  if (!row) throw new ConcordError('NOT_FOUND', 'no such segment');
  return toView(row);
}

/** Replaces the stored membership with the current evaluation, in one transaction, stamped `deps.now()`. */
export async function materializeSegment(
  deps: Pick<Deps, 'db' | 'now'>,
  input: { id: string },
): Promise<SegmentView> {
  const { id } = input;
  const now = deps.now();
  return deps.db.transaction().execute(async (trx) => {
    const s = await loadSegment(trx, id);
    await tuneForSegments(trx);
    const members = compileSegment(trx, SegmentRule.parse(s.rule), now);
    await trx.deleteFrom('segment_member').where('segment_id', '=', id).execute();
    const inserted = await trx
      .insertInto('segment_member')
      .columns(['segment_id', 'customer_id', 'materialized_at'])
      .expression(
        trx
          .selectFrom(members.as('m'))
          .select([
            sql<string>`${id}::uuid`.as('segment_id'),
            'm.customer_id',
            sql<Date>`${now.toISOString()}::timestamptz`.as('materialized_at'),
          ]),
      )
      .executeTakeFirst();
    const row = await trx
      .updateTable('segment')
      .set({ materialized_at: now, member_count: Number(inserted.numInsertedOrUpdatedRows ?? 0) })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    return toView(row);
  });
}

export interface SegmentMember {
  customerId: string;
  externalId: string;
  firstName: string | null;
  lastName: string | null;
  country: string | null;
}

/** Pages the materialized members (by customer id); deleted customers are left out. */
export async function listSegmentMembers(
  db: Kysely<Database>,
  id: string,
  opts: { limit: number; after?: string },
): Promise<{ materializedAt: Date | null; items: SegmentMember[] }> {
  const s = await loadSegment(db, id);
  let q = db
    .selectFrom('segment_member as m')
    .innerJoin('customer as c', 'c.id', 'm.customer_id')
    .where('m.segment_id', '=', id)
    .where('c.deleted_at', 'is', null)
    .select(['m.customer_id', 'c.external_id', 'c.first_name', 'c.last_name', 'c.country'])
    .orderBy('m.customer_id')
    .limit(opts.limit);
  if (opts.after) q = q.where('m.customer_id', '>', opts.after);
  const rows = await q.execute();
  return {
    materializedAt: s.materialized_at,
    items: rows.map((r) => ({
      customerId: r.customer_id,
      externalId: r.external_id,
      firstName: r.first_name,
      lastName: r.last_name,
      country: r.country,
    })),
  };
}
