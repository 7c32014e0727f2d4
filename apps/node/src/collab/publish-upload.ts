// Publishing, step 2: tokenize each eligible customer's identifiers, stream the token batches, keep the member map.

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
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import type { Collaboration, NewPublicationMember } from '../db/tables/collab.table.ts';
import { collaborationSecret } from './collaborations.ts';
import type { FederationDeps } from './deps.ts';
import { type CandidateRow, candidatePage } from './publish-snapshot.ts';

/** Records per uploaded batch (53 bytes each: ~2.6 MB). */
const BATCH_RECORDS = 50_000;
/** Member-map rows per INSERT (4 parameters each, well under Postgres' 65k limit). */
const INSERT_ROWS = 5_000;

/** Writes the token of one identifier into `out`; returns null on success, else the normalization reason code. */
type Tokenizer = (idType: IdType, raw: string, out: Uint8Array) => string | null;

export function makeTokenizer(deps: FederationDeps, c: Collaboration): Tokenizer {
  const normalize = createNormalizer('concord-v1', { defaultRegion: deps.config.defaultRegion });
  // One writer per registered id type, each hmac key derived for its type (HKDF info names the type).
  const keys = c.token_mode === 'hmac' ? deriveTokenKeys(collaborationSecret(deps.storageKey, c)) : undefined;
  const writers = Object.fromEntries(
    ID_TYPES.map((t) => [
      t,
      keys ? createTokenWriter('hmac', keys[t]) : createTokenWriter('sha256', undefined),
    ]),
  ) as Record<IdType, TokenWriter>;
  return (idType, raw, out) => {
    const n = normalize(idType, raw);
    if (!n.ok) return n.reason;
    writers[idType](n.value, out, 0);
    return null;
  };
}

export function bump(counts: Record<string, number>, key: string, n = 1): void {
  counts[key] = (counts[key] ?? 0) + n;
}

async function insertMembers(db: Kysely<Database>, rows: NewPublicationMember[]): Promise<void> {
  for (let i = 0; i < rows.length; i += INSERT_ROWS) {
    await db
      .insertInto('publication_member')
      .values(rows.slice(i, i + INSERT_ROWS))
      .execute();
  }
}

export interface UploadInput {
  publicationId: string;
  /** The live version this one replaces: its member ids are reused. */
  previousId: string | null;
  versionId: string;
  tokenize: Tokenizer;
  /** Exclusion counts so far (consent reasons); identifier reasons are added here. */
  excluded: Record<string, number>;
  /** Charges the time since the last lap to a phase (reading pages vs uploading). */
  lap: (phase: 'pagesMs' | 'uploadMs') => void;
}

export interface UploadResult {
  published: number;
  records: number;
  batches: number;
  invalidIdentifiers: Record<string, number>;
}

/** What one page's rows share: the open batch, a scratch token buffer and the running counts. */
interface Stream {
  writer: BatchWriter;
  token: Uint8Array;
  tokenize: Tokenizer;
  excluded: Record<string, number>;
  invalidIdentifiers: Record<string, number>;
}

/** Pushes one customer's tokens into the batch; returns their member id, or null when none could be published. */
function pushCustomer(s: Stream, row: CandidateRow): Uint8Array | null {
  const ids = row.ids ?? [];
  for (const reason of row.invalid ?? []) bump(s.invalidIdentifiers, reason);
  if (ids.length === 0) {
    bump(s.excluded, (row.invalid ?? []).length > 0 ? 'invalid_identifier' : 'no_identifier');
    return null;
  }
  // Stable per person across versions of one publication, so a delta addresses live and uploading alike.
  const memberId = row.previous_member_id ? new Uint8Array(row.previous_member_id) : randomBytes(16);
  let valid = 0;
  const seen = new Set<string>();
  for (const [idType, raw] of ids) {
    const reason = s.tokenize(idType, raw, s.token);
    if (reason) {
      bump(s.invalidIdentifiers, reason);
      continue;
    }
    // Two raw spellings of one identifier normalize to the same token: send it once.
    const key = `${idType}:${Buffer.from(s.token).toString('hex')}`;
    if (seen.has(key)) continue;
    seen.add(key);
    s.writer.push(memberId, ID_WIRE_CODES[idType], s.token, row.purpose_mask);
    valid++;
  }
  if (valid === 0) {
    bump(s.excluded, 'invalid_identifier');
    return null;
  }
  return memberId;
}

/** Pages through the snapshot, uploads token batches to the clean room and records the member map locally. */
export async function uploadMembers(deps: FederationDeps, u: UploadInput): Promise<UploadResult> {
  const s: Stream = {
    writer: new BatchWriter(BATCH_RECORDS),
    token: new Uint8Array(32),
    tokenize: u.tokenize,
    excluded: u.excluded,
    invalidIdentifiers: {},
  };
  const result: UploadResult = {
    published: 0,
    records: 0,
    batches: 0,
    invalidIdentifiers: s.invalidIdentifiers,
  };
  const flush = async () => {
    if (s.writer.length === 0) return;
    result.records += s.writer.length;
    u.lap('pagesMs');
    await deps.cleanroom.uploadBatch(u.versionId, result.batches++, s.writer.finish());
    u.lap('uploadMs');
  };
  let after: string | null = null;
  for (;;) {
    const page = await candidatePage(deps.db, u.publicationId, u.previousId, after);
    if (page.length === 0) break;
    after = page[page.length - 1]?.customer_id ?? null;
    const members: NewPublicationMember[] = [];
    for (const row of page) {
      const memberId = pushCustomer(s, row);
      if (!memberId) continue;
      result.published++;
      members.push({
        publication_id: u.publicationId,
        member_id: memberId,
        customer_id: row.customer_id,
        purpose_mask: row.purpose_mask,
        removed_at: null,
        removed_reason: null,
      });
      if (s.writer.length >= BATCH_RECORDS - 64) await flush();
    }
    await insertMembers(deps.db, members);
  }
  await flush();
  return result;
}
