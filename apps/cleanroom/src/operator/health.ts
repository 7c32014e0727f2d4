// The clean room's health for the operator console: database round trip, registry and workload counts.
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/database.ts';
import { iso } from '../lib/encoding.ts';

async function countBy<T extends string>(
  db: Kysely<Database>,
  table: 'partners' | 'collaborations' | 'publication_versions',
  column: 'status',
): Promise<Record<T, number>> {
  const rows = await db
    .selectFrom(table)
    .select([column, (eb) => eb.fn.countAll<string>().as('n')])
    .groupBy(column)
    .execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)])) as Record<T, number>;
}

export async function cleanroomHealth(db: Kysely<Database>, now: Date, version: string) {
  const started = performance.now();
  await sql`select 1`.execute(db);
  const databaseMs = Math.round((performance.now() - started) * 10) / 10;
  const [partners, collaborations, versions, invitations, lists, audit] = await Promise.all([
    countBy(db, 'partners', 'status'),
    countBy(db, 'collaborations', 'status'),
    countBy(db, 'publication_versions', 'status'),
    db
      .selectFrom('invitations')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('redeemed_at', 'is', null)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', now)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('lists')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('expires_at', '>', now)
      .executeTakeFirstOrThrow(),
    db.selectFrom('audit_head').select(['seq']).executeTakeFirst(),
  ]);
  const oldestUpload = await db
    .selectFrom('publication_versions')
    .select((eb) => eb.fn.min('created_at').as('at'))
    .where('status', '=', 'uploading')
    .executeTakeFirst();
  return {
    ok: true as const,
    version,
    checkedAt: iso(now),
    uptimeSeconds: Math.round(process.uptime()),
    databaseMs,
    partners,
    collaborations,
    versions,
    openInvitations: Number(invitations.n),
    liveLists: Number(lists.n),
    auditEvents: Number(audit?.seq ?? 0),
    oldestUploadStartedAt: oldestUpload?.at ? iso(oldestUpload.at as Date) : null,
  };
}
