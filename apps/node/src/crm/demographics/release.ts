// Release rules for sensitive fields: by default no demographic field leaves the node. A compliance officer may
// release named fields for one purpose, for publication (segments defined over them) and/or list export columns.
// Versioned like compliance rules: the latest version per purpose applies; an empty field list revokes.
import { ConcordError } from '@concord/protocol/errors';
import { type Kysely, sql } from 'kysely';
import { appendAudit } from '../../audit/log.ts';
import type { Actor } from '../../auth/actor.ts';
import { auditActor } from '../../auth/actor.ts';
import type { Database } from '../../db/database.ts';
import type { Deps } from '../../deps.ts';
import { sensitiveFieldsOf } from '../segments/analytics-rules.ts';
import type { SensitiveField } from './fields.ts';

export type ReleaseChannel = 'publication' | 'export';

export interface SensitiveRelease {
  purpose: string;
  version: number;
  fields: SensitiveField[];
  channels: ReleaseChannel[];
  note: string | null;
  authorId: string | null;
  createdAt: Date;
}

export async function currentReleases(db: Kysely<Database>): Promise<SensitiveRelease[]> {
  const { rows } = await sql<{
    purpose: string;
    version: number;
    fields: SensitiveField[];
    channels: ReleaseChannel[];
    note: string | null;
    author_id: string | null;
    created_at: Date;
  }>`select distinct on (purpose) purpose, version, fields, channels, note, author_id, created_at
     from sensitive_release order by purpose, version desc`.execute(db);
  return rows.map((r) => ({
    purpose: r.purpose,
    version: r.version,
    fields: r.fields,
    channels: r.channels,
    note: r.note,
    authorId: r.author_id,
    createdAt: r.created_at,
  }));
}

export async function setRelease(
  deps: Pick<Deps, 'db' | 'now'>,
  input: {
    purpose: string;
    fields: SensitiveField[];
    channels: ReleaseChannel[];
    note?: string | null;
    actor: Actor;
  },
): Promise<SensitiveRelease> {
  const { db } = deps;
  const { actor } = input;
  const now = deps.now();
  await db.transaction().execute(async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtext(${`concord.sensitive.${input.purpose}`}))`.execute(trx);
    const last = await trx
      .selectFrom('sensitive_release')
      .select((eb) => eb.fn.max('version').as('v'))
      .where('purpose', '=', input.purpose)
      .executeTakeFirst();
    const version = Number(last?.v ?? 0) + 1;
    await trx
      .insertInto('sensitive_release')
      .values({
        purpose: input.purpose,
        version,
        fields: [...new Set(input.fields)],
        channels: [...new Set(input.channels)],
        note: input.note ?? null,
        author_id: actor.id,
        created_at: now,
      })
      .execute();
    await appendAudit(trx, {
      action: 'sensitive.release',
      subjectType: 'ConsentRule',
      subjectId: input.purpose,
      ...auditActor(actor),
      at: now,
      data: { purpose: input.purpose, version, fields: input.fields, channels: input.channels },
    });
  });
  return (await currentReleases(db)).find((r) => r.purpose === input.purpose)!;
}

/**
 * Throws POLICY_REFUSED unless every purpose has a current release naming every field for `channel`.
 * No fields: nothing to check.
 */
export async function assertReleased(
  db: Kysely<Database>,
  fields: Iterable<SensitiveField>,
  purposes: readonly string[],
  channel: ReleaseChannel,
): Promise<void> {
  const wanted = [...fields];
  if (wanted.length === 0) return;
  const releases = new Map((await currentReleases(db)).map((r) => [r.purpose, r]));
  for (const purpose of purposes) {
    const r = releases.get(purpose);
    const missing = wanted.filter((f) => !r?.channels.includes(channel) || !r.fields.includes(f));
    if (missing.length > 0)
      throw new ConcordError(
        'POLICY_REFUSED',
        `sensitive field(s) ${missing.join(', ')} are not released for ${channel} under purpose "${purpose}"`,
        { fields: missing, purpose, channel },
      );
  }
}

/** A segment defined over sensitive fields may only be published when every purpose releases them for publication. */
export async function assertSegmentPublishable(
  db: Kysely<Database>,
  segmentId: string,
  purposes: readonly string[],
): Promise<void> {
  const row = await db.selectFrom('segment').select('rule').where('id', '=', segmentId).executeTakeFirst();
  if (!row) return;
  await assertReleased(db, sensitiveFieldsOf(row.rule as { type: string }), purposes, 'publication');
}
