// Batch upsert of service cases and contacts by external_id: used by imports and seeds.
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { InteractionKind } from '../../db/tables/crm.table.ts';
import { uuidv7Batch } from '../ids.ts';
import { type HistoryUpsertResult, resolveCustomers } from './upsert-purchases.ts';

export interface InteractionInput {
  externalId: string;
  customerExternalId: string;
  kind: InteractionKind;
  /** Contact time, or when a service case was opened. */
  occurredAt: Date;
  /** Service cases: when closed; null/undefined = open. */
  closedAt?: Date | null;
  product?: string | null;
  outcome?: string | null;
  channel?: string | null;
  direction?: 'inbound' | 'outbound' | null;
  summary?: string | null;
  attributes?: Record<string, unknown>;
}

/** Inserts new interactions and updates changed ones; identical rows are not rewritten. */
export async function upsertInteractions(
  db: Kysely<Database>,
  rows: InteractionInput[],
): Promise<HistoryUpsertResult> {
  const { known, unknownCustomers, customerIds } = await resolveCustomers(db, rows);
  if (known.length === 0) return { inserted: 0, updated: 0, unchanged: 0, unknownCustomers };
  const text = (pick: (r: InteractionInput) => string | null | undefined) =>
    known.map((r) => pick(r) ?? null);
  const result = await sql<{ inserted: boolean }>`
    insert into interaction as i (id, external_id, customer_id, kind, occurred_at, closed_at, product, outcome, channel, direction, summary, attributes)
    select t.id, t.external_id, t.customer_id, t.kind, t.occurred_at, t.closed_at, t.product, t.outcome, t.channel, t.direction, t.summary, t.attributes::jsonb
    from unnest(
      ${uuidv7Batch(known.length)}::uuid[],
      ${known.map((r) => r.externalId)}::text[],
      ${customerIds}::uuid[],
      ${known.map((r) => r.kind)}::text[],
      ${known.map((r) => r.occurredAt.toISOString())}::timestamptz[],
      ${known.map((r) => r.closedAt?.toISOString() ?? null)}::timestamptz[],
      ${text((r) => r.product)}::text[],
      ${text((r) => r.outcome)}::text[],
      ${text((r) => r.channel)}::text[],
      ${text((r) => r.direction)}::text[],
      ${text((r) => r.summary)}::text[],
      ${known.map((r) => JSON.stringify(r.attributes ?? {}))}::text[]
    ) as t(id, external_id, customer_id, kind, occurred_at, closed_at, product, outcome, channel, direction, summary, attributes)
    on conflict (external_id) do update set
      customer_id = excluded.customer_id, kind = excluded.kind, occurred_at = excluded.occurred_at,
      closed_at = excluded.closed_at, product = excluded.product, outcome = excluded.outcome,
      channel = excluded.channel, direction = excluded.direction, summary = excluded.summary,
      attributes = i.attributes || excluded.attributes
    where (i.customer_id, i.kind, i.occurred_at, i.closed_at, i.product, i.outcome, i.channel, i.direction, i.summary)
        is distinct from (excluded.customer_id, excluded.kind, excluded.occurred_at, excluded.closed_at, excluded.product,
          excluded.outcome, excluded.channel, excluded.direction, excluded.summary)
      or not (i.attributes @> excluded.attributes)
    returning (i.xmax = 0) as inserted`.execute(db);
  const inserted = result.rows.filter((r) => r.inserted).length;
  return {
    inserted,
    updated: result.rows.length - inserted,
    unchanged: known.length - result.rows.length,
    unknownCustomers,
  };
}
