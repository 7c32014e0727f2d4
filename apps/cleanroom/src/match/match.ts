import { canonicalJson } from '@concord/federation/audit-chain';
import { ConcordError } from '@concord/protocol/errors';
import { type RawBuilder, sql, type Transaction } from 'kysely';
import type pg from 'pg';
import type { ActiveCollaboration } from '../collab/collaborations.ts';
import type { Database } from '../db/database.ts';
import { tokenTable } from '../ingest/token-table.ts';
import { sha256 } from '../lib/encoding.ts';
import type { PartnerIdentity } from '../partners/partners.ts';
import { engineCount } from './engine/engine.ts';

export interface MatchRequest {
  collaborationId: string;
  requesterPublicationId: string;
  partnerPublicationIds: string[];
  purpose: string;
  kind: 'insight' | 'cross_sell_list' | 'referral_list';
  offer?: { title: string; description: string } | undefined;
}

export interface Side {
  publicationId: string;
  ownerId: string;
  versionId: string;
  revision: number;
  members: number;
  kMin: number | null;
  /** The owner's rules per purpose (see BeginPublicationInput): lists allowed (bit i), kMin floors. */
  listsMask: number | null;
  kMinByPurpose: number[] | null;
}

/**
 * Distinct members of `own` having any token equal to a token of any of `others` (email OR phone), both sides'
 * purpose masks allowing the purpose. One set-based statement: a hash semi-join on the int8 token prefix, then
 * one group per member.
 * - `exact` (lists): the semi-join also compares the full 32-byte token and groups by the full member id, so a
 *   list can never hold a member matched only by a prefix collision.
 * - counts (insight): prefix keys only. Two different HMAC tokens share a 64-bit prefix with probability ~n²/2⁶⁵
 *   (≈10⁻⁵ for 10M × 10M), far below the Laplace noise added to every count, and int8 keys are much cheaper.
 */
function matchedMembers(
  own: Pick<Side, 'versionId'>,
  others: Pick<Side, 'versionId'>[],
  bit: number,
  exact: boolean,
): RawBuilder<unknown> {
  const cols = exact ? sql`tk, token` : sql`tk`;
  const otherTokens = others
    .map((o) => sql`select ${cols} from ${tokenTable(o.versionId)} where purpose_mask & ${bit} <> 0`)
    .reduce((acc, q) => sql`${acc} union all ${q}`);
  const same = exact ? sql`b.tk = a.tk and b.token = a.token` : sql`b.tk = a.tk`;
  const member = exact ? sql`a.member_id` : sql`a.mk`;
  return sql`
    select ${member} as member
    from ${tokenTable(own.versionId)} a
    where a.purpose_mask & ${bit} <> 0
      and exists (select 1 from (${otherTokens}) b where ${same})
    group by ${member}`;
}

/**
 * Planner settings for one match transaction: allow a parallel plan for the semi-join and the per-member grouping
 * (the default tuple-transfer cost keeps the grouping serial); group by sorting, not hashing (at 10M members the
 * hash aggregate spills in ~160 batches and doubled the time); skip JIT, whose compile time is pure overhead for
 * these simple expressions; and give the transaction 32 MB of work_mem. At the server default (4 MB) the
 * parallel hash of a 10M-member side splits into 256 batches spilled to disk, the same fate as the bare join's;
 * at 32 MB it is 16 batches: 10M per side 22.4 s → 16.0 s (bare join 15.0–17.8 s), 1M per side median
 * 1.63 s → 1.44 s (bare 1.51 s), measured on the same tables (docs/benchmarks.md). Peak memory per match is
 * about work_mem × 2 (hash_mem_multiplier) × 3 processes.
 */
export async function tuneForMatch(trx: Transaction<Database>): Promise<void> {
  await sql`set local jit = off`.execute(trx);
  await sql`set local enable_hashagg = off`.execute(trx);
  await sql`set local parallel_setup_cost = 0`.execute(trx);
  await sql`set local parallel_tuple_cost = 0.0001`.execute(trx);
  await sql`set local work_mem = '32MB'`.execute(trx);
}

/** Insight counts: from the engine's runs (engine/), or in SQL for versions committed before the engine. */
export async function countMatched(
  trx: Transaction<Database>,
  own: Side,
  others: Side[],
  bit: number,
  pool?: pg.Pool,
): Promise<number> {
  const fromRuns = await engineCount(
    trx,
    own.versionId,
    others.map((o) => o.versionId),
    bit,
    pool,
  );
  return fromRuns ?? countMatchedSql(trx, own, others, bit);
}

/** The set-based SQL count over the token tables (the reference the engine is tested against). */
export async function countMatchedSql(
  trx: Transaction<Database>,
  own: Pick<Side, 'versionId'>,
  others: Pick<Side, 'versionId'>[],
  bit: number,
): Promise<number> {
  const r = await sql<{
    n: number;
  }>`select count(*)::int8 as n from (${matchedMembers(own, others, bit, false)}) m`.execute(trx);
  return Number(r.rows[0]?.n ?? 0);
}

export async function loadSides(
  trx: Transaction<Database>,
  collab: ActiveCollaboration,
  requester: PartnerIdentity,
  req: MatchRequest,
  now: Date,
): Promise<{ mine: Side; partners: Side[] }> {
  const ids = [req.requesterPublicationId, ...req.partnerPublicationIds];
  const rows = await trx
    .selectFrom('publications as p')
    .leftJoin('publication_versions as v', 'v.id', 'p.live_version_id')
    .select([
      'p.id',
      'p.owner_id',
      'p.collaboration_id',
      'p.k_min',
      'p.lists_mask',
      'p.k_min_by_purpose',
      'p.live_version_id',
      'v.revision',
      'v.members',
      'v.expires_at',
    ])
    .where('p.id', 'in', ids)
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  const sides: Side[] = [];
  for (const id of ids) {
    const r = byId.get(id);
    if (!r || r.collaboration_id !== collab.row.id)
      throw new ConcordError('NOT_FOUND', 'no such publication');
    if (!r.live_version_id) throw new ConcordError('CONFLICT', 'publication has no committed version');
    if (r.expires_at && r.expires_at <= now) throw new ConcordError('EXPIRED', 'publication has expired');
    sides.push({
      publicationId: r.id,
      ownerId: r.owner_id,
      versionId: r.live_version_id,
      revision: Number(r.revision ?? 0),
      members: Number(r.members ?? 0),
      kMin: r.k_min,
      listsMask: r.lists_mask,
      kMinByPurpose: r.k_min_by_purpose,
    });
  }
  const [mine, ...partners] = sides as [Side, ...Side[]];
  if (mine.ownerId !== requester.id) {
    throw new ConcordError('FORBIDDEN', 'a match must start from one of your own publications');
  }
  if (partners.some((p) => p.ownerId === requester.id)) {
    throw new ConcordError('BAD_INPUT', 'partner publications must belong to other members');
  }
  // Pin the versions: a concurrent commit (which drops the superseded table) waits until this match is done.
  await trx
    .selectFrom('publication_versions')
    .select('id')
    .where(
      'id',
      'in',
      sides.map((s) => s.versionId),
    )
    .forShare()
    .execute();
  return { mine, partners };
}

/**
 * The strictest threshold among the collaboration, the touched members' floors, the touched datasets and their
 * owners' per-purpose rules.
 */
export function effectiveKMin(collab: ActiveCollaboration, sides: Side[], purposeIndex: number): number {
  let k = collab.policy.kMin;
  for (const s of sides) {
    k = Math.max(k, collab.floors.get(s.ownerId) ?? 0, s.kMin ?? 0, s.kMinByPurpose?.[purposeIndex] ?? 0);
  }
  return k;
}

/** A list touches every side's data: one owner whose rules say "counts only" for the purpose refuses it. */
export function requireListsAllowed(sides: Side[], bit: number, purpose: string): void {
  if (sides.some((s) => s.listsMask !== null && (s.listsMask & bit) === 0)) {
    throw new ConcordError('POLICY_REFUSED', `a member's rules allow counts only for ${purpose}`, {
      reason: 'lists_not_allowed',
      purpose,
    });
  }
}

/** The canonical form of a match query: what makes two requests "the same query" for caching and noise. */
export function canonicalMatchQuery(req: MatchRequest) {
  return {
    v: 1,
    collaborationId: req.collaborationId,
    requesterPublicationId: req.requesterPublicationId,
    partnerPublicationIds: [...new Set(req.partnerPublicationIds)].sort(),
    purpose: req.purpose,
    kind: req.kind,
    offer: req.kind === 'referral_list' ? (req.offer ?? null) : null,
  };
}

/** SHA-256(canonical query ‖ data versions): the cache key and the Laplace seed. */
export function matchQueryHash(
  canonical: ReturnType<typeof canonicalMatchQuery>,
  dataVersion: string,
): Uint8Array {
  return sha256(canonicalJson(canonical), '\n', dataVersion);
}
