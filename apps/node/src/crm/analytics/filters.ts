// Shared filters of the analytics queries: time window and (optionally) a saved segment's live members.
import { type Expression, type RawBuilder, sql } from 'kysely';

export const PERIODS = ['day', 'week', 'month', 'quarter', 'year'] as const;
export type Period = (typeof PERIODS)[number];

export interface PurchaseWindow {
  /** Inclusive lower bound on purchased_at. */
  from?: Date | undefined;
  /** Exclusive upper bound on purchased_at. */
  to?: Date | undefined;
}

/** WHERE conditions on `purchase p` joined to `customer c` (deleted customers never count). */
export function windowConditions(w: PurchaseWindow, segmentIds?: Expression<unknown>): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [sql`c.deleted_at is null`];
  if (w.from) parts.push(sql`p.purchased_at >= ${w.from.toISOString()}::timestamptz`);
  if (w.to) parts.push(sql`p.purchased_at < ${w.to.toISOString()}::timestamptz`);
  if (segmentIds) parts.push(sql`p.customer_id in (${segmentIds})`);
  return sql.join(parts, sql` and `);
}

/** Start of the period containing `p.purchased_at`, in UTC, as YYYY-MM-DD. */
export function periodKey(period: Period, column = sql`p.purchased_at`): RawBuilder<string> {
  return sql<string>`to_char(date_trunc(${period}, ${column} at time zone 'UTC'), 'YYYY-MM-DD')`;
}
