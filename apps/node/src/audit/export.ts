// Audit export for compliance: a contiguous run of the hash chain, bound to its head, recorded in the chain
// itself; verifyAuditExport recomputes it anywhere without the node (no key, no database).
import { GENESIS_HASH } from '@concord/federation/audit-chain';
import { ConcordError } from '@concord/protocol/errors';
import { bytesToHex, hexToBytes } from '@noble/hashes/utils.js';
import type { Transaction } from 'kysely';
import { type Actor, auditActor } from '../auth/actor.ts';
import type { Database } from '../db/database.ts';
import type { Deps } from '../deps.ts';
import { type AuditBreak, type AuditRecord, appendAudit, auditHash, auditRecordOf } from './log.ts';

export const AUDIT_EXPORT_FORMAT = 'concord-audit-export/v1';

export interface ExportedEvent extends Omit<AuditRecord, 'at'> {
  at: string;
  hash: string;
}

export interface AuditExport {
  format: typeof AUDIT_EXPORT_FORMAT;
  node: string;
  exportedAt: string;
  fromSeq: number;
  toSeq: number;
  /** Hash of event fromSeq-1 (all zeros from the start): where the recomputation begins. */
  prevHash: string;
  /** Hash of event toSeq: the chain head the export is bound to. Any edit, drop or reorder changes it. */
  head: string;
  events: ExportedEvent[];
  /** The `audit.exported` event that records this export (and its head) in the chain, after the exported run. */
  recordedAs: { seq: number; hash: string };
}

export type ExportBreak = AuditBreak | 'head_mismatch' | 'bad_format';

export interface ExportVerification {
  ok: boolean;
  events: number;
  firstBroken: { seq: number; reason: ExportBreak } | null;
}

/**
 * Exports events [fromSeq, fromSeq + limit) checking each link on the way (a broken chain is refused: CONFLICT,
 * run audit.verify), then appends `audit.exported` with the head in the same transaction.
 */
export async function exportAudit(
  deps: Pick<Deps, 'db' | 'now'>,
  input: { fromSeq: number; limit: number; node: string; actor: Actor },
): Promise<AuditExport> {
  const now = deps.now();
  return deps.db.transaction().execute(async (trx) => {
    const rows = await trx
      .selectFrom('audit_event')
      .selectAll()
      .where('seq', '>=', input.fromSeq)
      .orderBy('seq')
      .limit(input.limit)
      .execute();
    if (rows.length === 0) throw new ConcordError('NOT_FOUND', 'no audit events from this sequence number');
    const prevHash = await hashBefore(trx, input.fromSeq);
    let prev = prevHash;
    const events: ExportedEvent[] = [];
    for (const [i, row] of rows.entries()) {
      const record = auditRecordOf(row);
      const hash = new Uint8Array(row.hash);
      if (record.seq !== input.fromSeq + i || bytesToHex(auditHash(prev, record)) !== bytesToHex(hash)) {
        throw new ConcordError(
          'CONFLICT',
          `the audit chain is broken at event ${record.seq}; run audit.verify`,
        );
      }
      events.push({ ...record, at: record.at.toISOString(), hash: bytesToHex(hash) });
      prev = hash;
    }
    const toSeq = events[events.length - 1]!.seq;
    const head = bytesToHex(prev);
    const recordedAs = await appendAudit(trx, {
      action: 'audit.exported',
      subjectType: 'AuditLog',
      ...auditActor(input.actor),
      data: { fromSeq: input.fromSeq, toSeq, head, events: events.length },
      at: now,
    });
    return {
      format: AUDIT_EXPORT_FORMAT,
      node: input.node,
      exportedAt: now.toISOString(),
      fromSeq: input.fromSeq,
      toSeq,
      prevHash: bytesToHex(prevHash),
      head,
      events,
      recordedAs,
    };
  });
}

async function hashBefore(trx: Transaction<Database>, fromSeq: number): Promise<Uint8Array> {
  if (fromSeq <= 1) return GENESIS_HASH;
  const row = await trx
    .selectFrom('audit_event')
    .select('hash')
    .where('seq', '=', fromSeq - 1)
    .executeTakeFirst();
  if (!row)
    throw new ConcordError('CONFLICT', `the audit chain is missing event ${fromSeq - 1}; run audit.verify`);
  return new Uint8Array(row.hash);
}

/** Recomputes an export from its prevHash: every event's hash, contiguous seqs, and the head. Pure. */
export function verifyAuditExport(bundle: AuditExport): ExportVerification {
  const fail = (seq: number, reason: ExportBreak, events: number): ExportVerification => ({
    ok: false,
    events,
    firstBroken: { seq, reason },
  });
  if (bundle.format !== AUDIT_EXPORT_FORMAT || !/^[0-9a-f]{64}$/.test(bundle.prevHash)) {
    return fail(bundle.fromSeq, 'bad_format', 0);
  }
  let prev = hexToBytes(bundle.prevHash);
  let checked = 0;
  for (const [i, e] of bundle.events.entries()) {
    if (e.seq !== bundle.fromSeq + i) return fail(bundle.fromSeq + i, 'missing_event', checked);
    const record: AuditRecord = { ...e, at: new Date(e.at) };
    const hash = bytesToHex(auditHash(prev, record));
    if (hash !== e.hash) return fail(e.seq, 'hash_mismatch', checked);
    prev = hexToBytes(hash);
    checked += 1;
  }
  const last = bundle.fromSeq + bundle.events.length - 1;
  if (bundle.events.length === 0 || last !== bundle.toSeq || bytesToHex(prev) !== bundle.head) {
    return fail(bundle.toSeq, 'head_mismatch', checked);
  }
  return { ok: true, events: checked, firstBroken: null };
}
