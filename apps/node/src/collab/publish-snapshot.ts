// Publishing, step 1: the consent snapshot of a segment (one set-based statement) and paging through it.

import { ID_TYPES, type IdType } from '@concord/identity';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/database.ts';
import {
  type Candidates,
  exclusionReasonCounts,
  purposeMaskQuery,
  type Recipient,
  segmentCandidates,
} from './sources.ts';

/** Customers read per page from the consent snapshot (bounds memory with the batch size). */
const PAGE_CUSTOMERS = 5_000;

/**
 * Bulk imports leave Postgres without statistics until autovacuum catches up, and the eligibility join then
 * gets nested-loop plans that are quadratic in the segment size. Analyze stale tables first (sampled: cheap).
 */
async function refreshStatistics(db: Kysely<Database>): Promise<void> {
  const { rows } = await sql<{ name: string }>`
    select quote_ident(relname) as name from pg_stat_user_tables
    where schemaname = current_schema()
      and n_live_tup + n_mod_since_analyze > 1000
      and (coalesce(last_analyze, last_autoanalyze) is null or n_mod_since_analyze > 0.2 * greatest(n_live_tup, 1))`
    .execute(db)
    .catch(() => ({ rows: [] as Array<{ name: string }> }));
  for (const r of rows) await sql`analyze ${sql.raw(r.name)}`.execute(db).catch(() => undefined);
}

/**
 * One set-based statement: the segment's customers with their purpose mask (bit i = eligible for purposes[i]
 * towards every recipient). Snapshotting it lets the upload page through a stable set with keyset pagination.
 */
async function snapshotCandidates(
  db: Kysely<Database>,
  publicationId: string,
  candidates: Candidates,
  purposes: readonly string[],
  recipients: readonly Recipient[],
  at: Date,
): Promise<number> {
  const masks = await purposeMaskQuery(db, candidates, purposes, recipients, at);
  const result = await sql`
    insert into publication_candidate (publication_id, customer_id, purpose_mask)
    select ${publicationId}::uuid, m.customer_id, m.mask from (${masks}) m
    on conflict do nothing`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

export interface Snapshot {
  /** Customers in the segment. */
  segmentSize: number;
  /** Excluded customers by consent reason (identifier reasons are added while paging). */
  excluded: Record<string, number>;
}

/** Snapshots the segment's purpose masks for `publicationId` and counts the customers excluded, by reason. */
export async function takeSnapshot(
  db: Kysely<Database>,
  input: {
    publicationId: string;
    segmentId: string;
    purposes: readonly string[];
    recipients: readonly Recipient[];
    at: Date;
  },
): Promise<Snapshot> {
  const { publicationId, purposes, recipients, at } = input;
  await refreshStatistics(db);
  const candidates = await segmentCandidates(db, input.segmentId, at);
  const segmentSize = await snapshotCandidates(db, publicationId, candidates, purposes, recipients, at);
  const excludedCandidates = db
    .selectFrom('publication_candidate')
    .select('customer_id')
    .where('publication_id', '=', publicationId)
    .where('purpose_mask', '=', 0) as unknown as Candidates;
  const excluded = await exclusionReasonCounts(db, excludedCandidates, purposes, recipients, at);
  return { segmentSize, excluded };
}

export interface CandidateRow {
  customer_id: string;
  purpose_mask: number;
  /** The person's member id in the version this one replaces (kept stable across versions). */
  previous_member_id: Uint8Array | null;
  /** Normalized values of the valid identifiers (invalid ones are never published). */
  /** `[id type, normalized]` pairs, in registry order then position. */
  ids: Array<[IdType, string]> | null;
  /** Reason codes of the customer's invalid identifiers (reported, not published). */
  invalid: string[] | null;
}

/** The next page of eligible candidates after `after` (keyset), with their identifiers and previous member id. */
export async function candidatePage(
  db: Kysely<Database>,
  publicationId: string,
  previousId: string | null,
  after: string | null,
): Promise<CandidateRow[]> {
  const { rows } = await sql<CandidateRow>`
    select pc.customer_id::text as customer_id, pc.purpose_mask,
      ${
        previousId === null
          ? sql`null::bytea`
          : sql`(select pm.member_id from publication_member pm where pm.publication_id = ${previousId}::uuid
               and pm.customer_id = pc.customer_id and pm.removed_at is null)`
      } as previous_member_id,
      (select json_agg(json_build_array(i.id_type, i.normalized)
          order by array_position(${sql.val(ID_TYPES)}::text[], i.id_type), i.position)
        from customer_identifier i where i.customer_id = pc.customer_id
        and i.id_type = any(${sql.val(ID_TYPES)}::text[]) and i.status = 'valid') as ids,
      array(select coalesce(i.reason, i.status) from customer_identifier i where i.customer_id = pc.customer_id
        and i.status <> 'valid') as invalid
    from publication_candidate pc
    where pc.publication_id = ${publicationId}::uuid and pc.purpose_mask <> 0
      ${after === null ? sql`` : sql`and pc.customer_id > ${after}::uuid`}
    order by pc.customer_id
    limit ${PAGE_CUSTOMERS}`.execute(db);
  return rows;
}
