// Hash-chained audit log: appendAudit inside the changing transaction, verifyAuditChain to find the first broken link.
import { canonicalJson, chainHash, GENESIS_HASH, walkChain } from '@concord/federation/audit-chain';
import { bytesToHex } from '@noble/hashes/utils.js';
import { type Kysely, type Selectable, sql, type Transaction } from 'kysely';
import type { Database } from '../db/database.ts';
import type { AuditEventTable } from '../db/tables/audit.table.ts';

/** What happened; `data` must hold no personal data beyond ids (the log outlives erasure). */
export interface AuditInput {
  action: string;
  subjectType: string;
  subjectId?: string | null;
  /** User id, or null for the system. */
  actorId?: string | null;
  /** Human-readable actor: email, `system`, `import:<file>`. */
  actor: string;
  /** The credential used (`session:<id>`, `token:<id>`; see auth/actor.ts), null for the system. */
  credential?: string | null;
  data?: Record<string, unknown>;
  /** Defaults to now; pass the request clock (ctx.now()) to keep tests deterministic. */
  at?: Date;
}

export interface AuditRecord {
  seq: number;
  at: Date;
  actorId: string | null;
  actor: string;
  /** `session:<id>` / `token:<id>`; absent (or null) for the system and for events older than the column. */
  credential?: string | null;
  action: string;
  subjectType: string;
  subjectId: string | null;
  data: Record<string, unknown>;
}

// Any fixed 64-bit key; serializes appenders across connections so each one chains onto the true last event.
const AUDIT_LOCK_KEY = 7_231_901_377;

/** The bytes hashed for an event: its canonical JSON (every column except the hashes). */
export function auditPayload(e: AuditRecord): string {
  return canonicalJson({
    seq: e.seq,
    at: e.at,
    actorId: e.actorId,
    actor: e.actor,
    // Only when present, so events written before credentials were recorded still verify.
    ...(e.credential ? { credential: e.credential } : {}),
    action: e.action,
    subjectType: e.subjectType,
    subjectId: e.subjectId,
    data: e.data,
  });
}

/** The hashed part of a stored event row. */
export function auditRecordOf(row: Selectable<AuditEventTable>): AuditRecord {
  return {
    seq: Number(row.seq),
    at: row.at,
    actorId: row.actor_id,
    actor: row.actor,
    credential: row.credential,
    action: row.action,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    data: row.data,
  };
}

export function auditHash(prevHash: Uint8Array, e: AuditRecord): Uint8Array {
  return chainHash(prevHash, auditPayload(e));
}

/** Appends one event to the chain, in the caller's transaction (so it commits or rolls back with the change). */
export async function appendAudit(
  trx: Transaction<Database>,
  input: AuditInput,
): Promise<{ seq: number; hash: string }> {
  await sql`select pg_advisory_xact_lock(${AUDIT_LOCK_KEY}::bigint)`.execute(trx);
  const last = await trx
    .selectFrom('audit_event')
    .select(['seq', 'hash'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  const record: AuditRecord = {
    seq: last ? Number(last.seq) + 1 : 1,
    at: input.at ?? new Date(),
    actorId: input.actorId ?? null,
    actor: input.actor,
    credential: input.credential ?? null,
    action: input.action,
    subjectType: input.subjectType,
    subjectId: input.subjectId ?? null,
    // Stored already canonical, so what is read back hashes the same.
    data: JSON.parse(canonicalJson(input.data ?? {})) as Record<string, unknown>,
  };
  const prevHash = last ? new Uint8Array(last.hash) : GENESIS_HASH;
  const hash = auditHash(prevHash, record);
  await trx
    .insertInto('audit_event')
    .values({
      seq: record.seq,
      at: record.at,
      actor_id: record.actorId,
      actor: record.actor,
      credential: record.credential ?? null,
      action: record.action,
      subject_type: record.subjectType,
      subject_id: record.subjectId,
      data: JSON.stringify(record.data),
      prev_hash: prevHash,
      hash,
    })
    .execute();
  return { seq: record.seq, hash: bytesToHex(hash) };
}

export type AuditBreak =
  /** The event's stored hash is not SHA-256(prev_hash || event): the event was edited. */
  | 'hash_mismatch'
  /** The event's prev_hash is not the previous event's hash: the previous event was edited and re-hashed, or the chain re-written. */
  | 'prev_hash_mismatch'
  /** A sequence number is missing: an event was deleted. */
  | 'missing_event';

export interface AuditVerification {
  ok: boolean;
  /** Events checked. */
  events: number;
  /** Hash of the last event (hex); record it outside the node to detect truncation of the tail. */
  head: string | null;
  firstBroken: { seq: number; reason: AuditBreak } | null;
}

/** Recomputes the whole chain in pages (bounded memory) and names the first broken event. */
export async function verifyAuditChain(
  db: Kysely<Database>,
  opts: { pageSize?: number } = {},
): Promise<AuditVerification> {
  const walk = await walkChain(async (fromSeq, limit) => {
    const rows = await db
      .selectFrom('audit_event')
      .selectAll()
      .where('seq', '>=', fromSeq)
      .orderBy('seq')
      .limit(limit)
      .execute();
    return rows.map((row) => ({
      seq: Number(row.seq),
      prevHash: new Uint8Array(row.prev_hash),
      hash: new Uint8Array(row.hash),
      canonical: auditPayload(auditRecordOf(row)),
    }));
  }, opts.pageSize ?? 2_000);
  return {
    ok: walk.firstBroken === null,
    events: walk.events,
    head: walk.head ? bytesToHex(walk.head) : null,
    firstBroken: walk.firstBroken,
  };
}

export interface AuditEventView extends AuditRecord {
  hash: string;
  /** For people: `console session`, `API token "name" (cct_ab…)`, or null for the system. */
  credentialLabel: string | null;
}

/** Human labels for the credentials named by a page of events (one query for the tokens among them). */
async function credentialLabels(
  db: Kysely<Database>,
  refs: Array<string | null>,
): Promise<Map<string, string>> {
  const tokenIds = [...new Set(refs.filter((r) => r?.startsWith('token:')).map((r) => r!.slice(6)))];
  const tokens = tokenIds.length
    ? await db.selectFrom('api_token').select(['id', 'name', 'prefix']).where('id', 'in', tokenIds).execute()
    : [];
  const labels = new Map(tokens.map((t) => [`token:${t.id}`, `API token "${t.name}" (${t.prefix}…)`]));
  for (const r of refs) if (r?.startsWith('session:')) labels.set(r, 'console session');
  return labels;
}

/** The log newest first, optionally for one subject; `beforeSeq` pages backwards. */
export interface AuditFilter {
  subjectType?: string | undefined;
  subjectId?: string | undefined;
  beforeSeq?: number | undefined;
}

function filterAudit(db: Kysely<Database>, opts: AuditFilter) {
  let q = db.selectFrom('audit_event');
  if (opts.subjectType) q = q.where('subject_type', '=', opts.subjectType);
  if (opts.subjectId) q = q.where('subject_id', '=', opts.subjectId);
  if (opts.beforeSeq) q = q.where('seq', '<', opts.beforeSeq);
  return q;
}

/** How many events match the filter (the pager's total). */
export async function countAuditEvents(db: Kysely<Database>, opts: AuditFilter): Promise<number> {
  const row = await filterAudit(db, opts)
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function listAuditEvents(
  db: Kysely<Database>,
  opts: AuditFilter & { limit: number; offset?: number },
): Promise<AuditEventView[]> {
  const q = filterAudit(db, opts)
    .selectAll()
    .orderBy('seq', 'desc')
    .limit(opts.limit)
    .offset(opts.offset ?? 0);
  const rows = await q.execute();
  const labels = await credentialLabels(
    db,
    rows.map((r) => r.credential),
  );
  return rows.map((r) => ({
    ...auditRecordOf(r),
    hash: bytesToHex(new Uint8Array(r.hash)),
    credentialLabel: r.credential ? (labels.get(r.credential) ?? r.credential) : null,
  }));
}
