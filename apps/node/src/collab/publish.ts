// Publishing a segment into a collaboration (DESIGN §5): consent snapshot, tokenize, stream batches, commit.

import { randomBytes } from 'node:crypto';
import {
  createNormalizer,
  createTokenWriter,
  deriveTokenKeys,
  ID_TYPES,
  ID_WIRE_CODES,
  type IdType,
  type TokenWriter,
} from '@concord/identity';
import { BatchWriter } from '@concord/protocol/batch';
import { ConcordError } from '@concord/protocol/errors';
import { type Kysely, sql } from 'kysely';
import { appendAudit } from '../audit/log.ts';
import type { Actor } from '../auth/actor.ts';
import { auditActor } from '../auth/actor.ts';
import { assertSegmentPublishable } from '../crm/demographics/release.ts';
import type { Database } from '../db/database.ts';
import type { Collaboration, NewPublicationMember } from '../db/tables/collab.table.ts';
import { collaborationSecret, syncCollaboration } from './collaborations.ts';
import type { FederationDeps } from './deps.ts';
import { nodeIdentity } from './identity.ts';
import { publishPolicy, recipientsOf } from './policy.ts';
import { recheckPublication } from './rule-change.ts';
import {
  type Candidates,
  exclusionReasonCounts,
  purposeMaskQuery,
  type Recipient,
  segmentCandidates,
} from './sources.ts';

/** Customers read per page from the consent snapshot (bounds memory with the batch size). */
const PAGE_CUSTOMERS = 5_000;
/** Records per uploaded batch (53 bytes each: ~2.6 MB). */
const BATCH_RECORDS = 50_000;
/** Member-map rows per INSERT (4 parameters each, well under Postgres' 65k limit). */
const INSERT_ROWS = 5_000;

export type { Actor };

export interface PublishInput {
  collaborationId: string;
  segmentId: string;
  actor: Actor;
}

export interface PublishReport {
  publicationId: string;
  cleanroomPublicationId: string;
  version: number;
  segmentSize: number;
  /** Members published (eligible customers with at least one valid identifier). */
  published: number;
  tokens: number;
  /** Excluded customers by reason: consent reasons from eligibility, plus `no_identifier`/`invalid_identifier`. */
  excluded: Record<string, number>;
  /** Identifiers that failed normalization, by identity reason code (the customer may still be published). */
  invalidIdentifiers: Record<string, number>;
  /** Where the time went, ms: consent snapshot, reading pages + tokenizing + member map, uploads, commit. */
  timings: { snapshotMs: number; pagesMs: number; uploadMs: number; commitMs: number };
}

type Tokenizer = (idType: IdType, raw: string, out: Uint8Array) => string | null;

function makeTokenizer(deps: FederationDeps, c: Collaboration): Tokenizer {
  const normalize = createNormalizer('concord-v1', { defaultRegion: deps.config.defaultRegion });
  // One writer per registered id type, each hmac key derived for its type (HKDF info names the type).
  const keys = c.token_mode === 'hmac' ? deriveTokenKeys(collaborationSecret(deps.storageKey, c)) : undefined;
  const writers = Object.fromEntries(
    ID_TYPES.map((t) => [
      t,
      keys ? createTokenWriter('hmac', keys[t]) : createTokenWriter('sha256', undefined),
    ]),
  ) as Record<IdType, TokenWriter>;
  // Returns null on success (token written to `out`), else the normalization reason code.
  return (idType, raw, out) => {
    const n = normalize(idType, raw);
    if (!n.ok) return n.reason;
    writers[idType](n.value, out, 0);
    return null;
  };
}

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

interface CandidateRow {
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

async function candidatePage(
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

async function insertMembers(db: Kysely<Database>, rows: NewPublicationMember[]): Promise<void> {
  for (let i = 0; i < rows.length; i += INSERT_ROWS) {
    await db
      .insertInto('publication_member')
      .values(rows.slice(i, i + INSERT_ROWS))
      .execute();
  }
}

function bump(counts: Record<string, number>, key: string, n = 1): void {
  counts[key] = (counts[key] ?? 0) + n;
}

/** Publishes `segmentId` into a collaboration; the new version replaces the previous one atomically on commit. */
export async function publishSegment(deps: FederationDeps, input: PublishInput): Promise<PublishReport> {
  const { db } = deps;
  const c = await syncCollaboration(deps, input.collaborationId);
  if (c.status !== 'active') throw new ConcordError('COLLABORATION_INACTIVE', `collaboration is ${c.status}`);
  const segment = await db
    .selectFrom('segment')
    .select(['id', 'name', 'description'])
    .where('id', '=', input.segmentId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  if (!segment) throw new ConcordError('NOT_FOUND', 'no such segment');
  // Sensitive demographics never leave the node by inference either, unless compliance released them.
  await assertSegmentPublishable(db, segment.id, c.purposes);
  const me = await nodeIdentity(deps);
  const tokenize = makeTokenizer(deps, c);
  const recipients = recipientsOf(c, me.partnerId);
  const at = deps.now();

  const previous = await db
    .selectFrom('publication')
    .select('id')
    .where('collaboration_id', '=', c.id)
    .where('segment_id', '=', segment.id)
    .where('status', '=', 'live')
    .orderBy('committed_at', 'desc')
    .executeTakeFirst();
  const pub = await db
    .insertInto('publication')
    .values({
      collaboration_id: c.id,
      segment_id: segment.id,
      segment_name: segment.name,
      status: 'uploading',
      purposes: JSON.stringify(c.purposes),
      published_by: input.actor.id,
      error: null,
      cleanroom_publication_id: null,
      cleanroom_version_id: null,
    })
    .returning(['id', 'started_at'])
    .executeTakeFirstOrThrow();

  let versionId: string | null = null;
  const timings = { snapshotMs: 0, pagesMs: 0, uploadMs: 0, commitMs: 0 };
  let mark = performance.now();
  const lap = (key: keyof typeof timings) => {
    const now = performance.now();
    timings[key] += Math.round(now - mark);
    mark = now;
  };
  try {
    await refreshStatistics(db);
    const segmentSize = await snapshotCandidates(
      db,
      pub.id,
      await segmentCandidates(db, segment.id, at),
      c.purposes,
      recipients,
      at,
    );
    const excludedCandidates = db
      .selectFrom('publication_candidate')
      .select('customer_id')
      .where('publication_id', '=', pub.id)
      .where('purpose_mask', '=', 0) as unknown as Candidates;
    const excluded = await exclusionReasonCounts(db, excludedCandidates, c.purposes, recipients, at);
    lap('snapshotMs');
    // Our rules travel with the data: lists allowed and kMin per purpose, the shortest retention.
    const policy = await publishPolicy(db, c.purposes, at);
    const begun = await deps.cleanroom.beginPublication({
      collaborationId: c.id,
      segmentKey: segment.id,
      name: segment.name,
      description: segment.description ?? '',
      listsMask: policy.listsMask,
      kMinByPurpose: policy.kMinByPurpose,
      ...(policy.retentionDays !== undefined ? { retentionDays: policy.retentionDays } : {}),
    });
    versionId = begun.versionId;
    await db
      .updateTable('publication')
      .set({
        cleanroom_publication_id: begun.publicationId,
        cleanroom_version_id: begun.versionId,
        policy_sent: JSON.stringify({ listsMask: policy.listsMask, kMinByPurpose: policy.kMinByPurpose }),
      })
      .where('id', '=', pub.id)
      .execute();

    const writer = new BatchWriter(BATCH_RECORDS);
    const token = new Uint8Array(32);
    const invalidIdentifiers: Record<string, number> = {};
    let seq = 0;
    let records = 0;
    let published = 0;
    const flush = async () => {
      if (writer.length === 0) return;
      records += writer.length;
      lap('pagesMs');
      await deps.cleanroom.uploadBatch(begun.versionId, seq++, writer.finish());
      lap('uploadMs');
    };

    let after: string | null = null;
    for (;;) {
      const page = await candidatePage(db, pub.id, previous?.id ?? null, after);
      if (page.length === 0) break;
      after = page[page.length - 1]?.customer_id ?? null;
      const members: NewPublicationMember[] = [];
      for (const row of page) {
        const ids = row.ids ?? [];
        for (const reason of row.invalid ?? []) bump(invalidIdentifiers, reason);
        if (ids.length === 0) {
          bump(excluded, (row.invalid ?? []).length > 0 ? 'invalid_identifier' : 'no_identifier');
          continue;
        }
        // Stable per person across versions of one publication, so a delta addresses live and uploading alike.
        const memberId = row.previous_member_id ? new Uint8Array(row.previous_member_id) : randomBytes(16);
        let valid = 0;
        const seen = new Set<string>();
        for (const [idType, raw] of ids) {
          const reason = tokenize(idType, raw, token);
          if (reason) {
            bump(invalidIdentifiers, reason);
            continue;
          }
          // Two raw spellings of one identifier normalize to the same token: send it once.
          const key = `${idType}:${Buffer.from(token).toString('hex')}`;
          if (seen.has(key)) continue;
          seen.add(key);
          writer.push(memberId, ID_WIRE_CODES[idType], token, row.purpose_mask);
          valid++;
        }
        if (valid === 0) {
          bump(excluded, 'invalid_identifier');
          continue;
        }
        published++;
        members.push({
          publication_id: pub.id,
          member_id: memberId,
          customer_id: row.customer_id,
          purpose_mask: row.purpose_mask,
          removed_at: null,
          removed_reason: null,
        });
        if (writer.length >= BATCH_RECORDS - 64) await flush();
      }
      await insertMembers(db, members);
    }
    await flush();
    lap('pagesMs');

    const committed = await deps.cleanroom.commitPublication({
      versionId: begun.versionId,
      batchCount: seq,
      recordCount: records,
    });
    await db.transaction().execute(async (trx) => {
      await trx
        .updateTable('publication')
        .set({ status: 'replaced', replaced_at: committed.committedAt })
        .where('collaboration_id', '=', c.id)
        .where('segment_id', '=', segment.id)
        .where('status', '=', 'live')
        .execute();
      await trx
        .updateTable('publication')
        .set({
          status: 'live',
          committed_at: committed.committedAt,
          segment_size: segmentSize,
          member_count: published,
          token_count: records,
          excluded: JSON.stringify(excluded),
        })
        .where('id', '=', pub.id)
        .execute();
      // A withdrawal that landed while we uploaded may have missed this version: queue it again (idempotent).
      await sql`
        insert into withdrawal_outbox (customer_id, purpose, reason)
        select o.customer_id, o.purpose, o.reason from withdrawal_outbox o
        where o.created_at >= ${pub.started_at} and o.publication_id is null
          and exists (select 1 from publication_member pm
                      where pm.publication_id = ${pub.id}::uuid and pm.customer_id = o.customer_id)`.execute(
        trx,
      );
      // So may a stricter rule: re-decide this version's members under the rules in force now.
      const ruleChanged = await trx
        .selectFrom('consent_rule')
        .select('id')
        .where('created_at', '>=', pub.started_at)
        .executeTakeFirst();
      if (ruleChanged) await recheckPublication(trx, pub.id, deps.now());
      await trx.deleteFrom('publication_candidate').where('publication_id', '=', pub.id).execute();
      await appendAudit(trx, {
        action: 'publication.commit',
        subjectType: 'Publication',
        subjectId: pub.id,
        ...auditActor(input.actor),
        at,
        data: {
          collaborationId: c.id,
          segmentId: segment.id,
          cleanroomPublicationId: committed.publicationId,
          version: committed.version,
          members: published,
          tokens: records,
          excluded,
        },
      });
    });
    // Fresh statistics after a bulk load keep the withdrawal and list joins on index plans.
    await sql`analyze publication_member`.execute(db).catch(() => undefined);
    lap('commitMs');
    return {
      publicationId: pub.id,
      cleanroomPublicationId: committed.publicationId,
      version: committed.version,
      segmentSize,
      published,
      tokens: records,
      excluded,
      invalidIdentifiers,
      timings,
    };
  } catch (error) {
    if (versionId) await deps.cleanroom.abortPublication({ versionId }).catch(() => undefined);
    // The old version stays live at the clean room; locally this attempt leaves no member map behind.
    await db.deleteFrom('publication_member').where('publication_id', '=', pub.id).execute();
    await db.deleteFrom('publication_candidate').where('publication_id', '=', pub.id).execute();
    await db
      .updateTable('publication')
      .set({ status: 'failed', error: error instanceof Error ? error.message : String(error) })
      .where('id', '=', pub.id)
      .execute();
    throw error;
  }
}

export function listPublications(db: Kysely<Database>, collaborationId?: string) {
  let q = db.selectFrom('publication').selectAll().orderBy('started_at', 'desc');
  if (collaborationId) q = q.where('collaboration_id', '=', collaborationId);
  return q.execute();
}
