// Consent notices: the exact text shown to customers, one immutable row per version, referenced by consent events.

import { nextVersion } from '@concord/db';
import { ConcordError } from '@concord/protocol/errors';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { Kysely } from 'kysely';
import { appendAudit } from '../audit/log.ts';
import type { Actor } from '../auth/actor.ts';
import { auditActor } from '../auth/actor.ts';
import type { Database } from '../db/database.ts';
import { inTransaction } from '../db/transaction.ts';
import type { Deps } from '../deps.ts';

export interface NoticeVersion {
  id: string;
  noticeId: string;
  key: string;
  title: string;
  version: number;
  language: string;
  body: string;
  bodySha256: string;
  purposes: string[];
  publishedAt: Date;
  publishedBy: string | null;
}

/** Publishes a new version of notice `key` (creating the notice on first use); the text is frozen from then on. */
export async function publishNoticeVersion(
  deps: Pick<Deps, 'db' | 'now'>,
  input: { key: string; title: string; language: string; body: string; purposes: string[]; actor: Actor },
): Promise<NoticeVersion> {
  const { actor } = input;
  const now = deps.now();
  return inTransaction(deps.db, async (trx) => {
    await trx
      .insertInto('consent_notice')
      .values({ key: input.key, title: input.title, created_by: actor.id })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
    const notice = await trx
      .selectFrom('consent_notice')
      .select(['id', 'key', 'title'])
      .where('key', '=', input.key)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const digest = sha256(utf8ToBytes(input.body));
    const row = await trx
      .insertInto('consent_notice_version')
      .values({
        notice_id: notice.id,
        version: await nextVersion(trx, 'consent_notice_version', 'notice_id', notice.id),
        language: input.language,
        body: input.body,
        body_sha256: digest,
        purposes: input.purposes,
        published_by: actor.id,
        published_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendAudit(trx, {
      action: 'notice.published',
      subjectType: 'Notice',
      subjectId: row.id,
      ...auditActor(actor),
      at: now,
      data: {
        key: notice.key,
        version: row.version,
        bodySha256: bytesToHex(digest),
        purposes: input.purposes,
      },
    });
    return toVersion(row, notice);
  });
}

function toVersion(
  row: {
    id: string;
    notice_id: string;
    version: number;
    language: string;
    body: string;
    body_sha256: Uint8Array;
    purposes: string[];
    published_at: Date;
    published_by: string | null;
  },
  notice: { key: string; title: string },
): NoticeVersion {
  return {
    id: row.id,
    noticeId: row.notice_id,
    key: notice.key,
    title: notice.title,
    version: row.version,
    language: row.language,
    body: row.body,
    bodySha256: bytesToHex(new Uint8Array(row.body_sha256)),
    purposes: row.purposes,
    publishedAt: row.published_at,
    publishedBy: row.published_by,
  };
}

function versionsQuery(db: Kysely<Database>) {
  return db
    .selectFrom('consent_notice_version as v')
    .innerJoin('consent_notice as n', 'n.id', 'v.notice_id')
    .selectAll('v')
    .select(['n.key', 'n.title']);
}

/** Every version of every notice, newest first per notice. */
export async function listNoticeVersions(db: Kysely<Database>): Promise<NoticeVersion[]> {
  const rows = await versionsQuery(db).orderBy('n.key').orderBy('v.version', 'desc').execute();
  return rows.map((r) => toVersion(r, r));
}

export async function getNoticeVersion(db: Kysely<Database>, id: string): Promise<NoticeVersion> {
  const row = await versionsQuery(db).where('v.id', '=', id).executeTakeFirst();
  if (!row) throw new ConcordError('NOT_FOUND', 'no such notice version');
  return toVersion(row, row);
}

/** Resolves `key@version` (as used in consent CSVs) to version ids, for many refs in one query. */
export async function resolveNoticeRefs(db: Kysely<Database>, refs: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const parsed = refs
    .map((ref) => ({ ref, m: ref.match(/^([^@]+)@(\d+)$/) }))
    .filter((x): x is { ref: string; m: RegExpMatchArray } => x.m !== null);
  if (parsed.length === 0) return out;
  const keys = [...new Set(parsed.map((p) => p.m[1]!))];
  const rows = await db
    .selectFrom('consent_notice_version as v')
    .innerJoin('consent_notice as n', 'n.id', 'v.notice_id')
    .select(['v.id', 'n.key', 'v.version'])
    .where('n.key', 'in', keys)
    .execute();
  for (const r of rows) out.set(`${r.key}@${r.version}`, r.id);
  return out;
}
