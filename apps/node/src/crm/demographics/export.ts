// List export with demographic columns: only the fields the list's purpose releases for export (POLICY_REFUSED
// otherwise); the plain export (collab/audience.ts) never carries them.
import { ConcordError } from '@concord/protocol/errors';
import { sql } from 'kysely';
import { appendAudit } from '../../audit/log.ts';
import type { Actor } from '../../auth/actor.ts';
import { auditActor } from '../../auth/actor.ts';
import { AUDIENCE_CSV_COLUMNS, audienceCells, audienceMembers, csvCell } from '../../collab/audience.ts';
import type { Deps } from '../../deps.ts';
import { fieldSql, type SensitiveField } from './fields.ts';
import { assertReleased } from './release.ts';

export async function exportAudienceWithDemographics(
  deps: Pick<Deps, 'db' | 'now'>,
  input: { listId: string; fields: SensitiveField[]; actor: Actor },
): Promise<{ filename: string; csv: string; rows: number }> {
  const { db } = deps;
  const now = deps.now();
  const list = await db
    .selectFrom('audience_list')
    .select('purpose')
    .where('id', '=', input.listId)
    .executeTakeFirst();
  if (!list) throw new ConcordError('NOT_FOUND', 'no such audience list');
  const fields = [...new Set(input.fields)];
  await assertReleased(db, fields, [list.purpose], 'export');
  const members = await audienceMembers({ db, now: () => now }, input);
  const ids = members.map((m) => m.customerId);
  const { rows } = await sql<Record<string, string | null> & { id: string }>`
    select c.id::text as id, ${sql.join(
      fields.map((f) => sql`${fieldSql(f, now)} as ${sql.ref(f)}`),
      sql`, `,
    )}
    from customer c left join customer_demographics d on d.customer_id = c.id
    where c.id = any(${ids}::uuid[])`.execute(db);
  const demo = new Map(rows.map((r) => [r.id, r]));
  const header = [...AUDIENCE_CSV_COLUMNS, ...fields].join(',');
  const lines = members.map((m) =>
    [...audienceCells(m), ...fields.map((f) => demo.get(m.customerId)?.[f] ?? null)].map(csvCell).join(','),
  );
  await db.transaction().execute((trx) =>
    appendAudit(trx, {
      action: 'list.export',
      subjectType: 'AudienceList',
      subjectId: input.listId,
      ...auditActor(input.actor),
      at: now,
      data: { rows: members.length, format: 'csv', sensitiveFields: fields, purpose: list.purpose },
    }),
  );
  return {
    filename: `audience-${input.listId}.csv`,
    csv: `${[header, ...lines].join('\n')}\n`,
    rows: members.length,
  };
}
