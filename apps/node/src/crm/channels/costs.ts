// Channel costs per month (what a source/medium cost to run), entered in the console; one row per month.
import { ConcordError } from '@concord/protocol/errors';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { Deps } from '../../deps.ts';
import { dateText } from '../customers/customers.ts';
import { normalizeChannel } from './channel-sql.ts';

export async function setChannelCost(
  deps: Pick<Deps, 'db'>,
  input: {
    source: string;
    medium: string;
    month: string;
    cost: number;
    note?: string | null | undefined;
    actorId: string;
  },
) {
  const { db } = deps;
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(input.month))
    throw new ConcordError('BAD_INPUT', 'month must be YYYY-MM');
  const values = {
    source: normalizeChannel(input.source),
    medium: normalizeChannel(input.medium),
    period_start: `${input.month}-01`,
    cost: input.cost,
    note: input.note ?? null,
    created_by: input.actorId,
  };
  return db
    .insertInto('channel_cost')
    .values(values)
    .onConflict((oc) =>
      oc.columns(['source', 'medium', 'period_start']).doUpdateSet({ cost: input.cost, note: values.note }),
    )
    .returning(['id', 'source', 'medium', 'period_start', 'cost'])
    .executeTakeFirstOrThrow();
}

export async function listChannelCosts(db: Kysely<Database>) {
  const rows = await db.selectFrom('channel_cost').selectAll().orderBy('period_start', 'desc').execute();
  return rows.map((r) => ({
    id: r.id,
    source: r.source,
    medium: r.medium,
    month: (dateText(r.period_start) ?? '').slice(0, 7),
    cost: Number(r.cost),
    note: r.note,
  }));
}
