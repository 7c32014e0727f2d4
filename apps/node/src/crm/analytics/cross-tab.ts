// Purchases × anything: one or two dimensions, count / customers / revenue / average basket per cell, small
// cells suppressed under the node's k. Optional filters pin other dimensions (a cell's trend = rows by period).
import { type Expression, type Kysely, type RawBuilder, sql } from 'kysely';
import type { Database } from '../../db/database.ts';
import {
  type Dimension,
  type DimensionContext,
  dimensionSql,
  isSensitive,
  JOIN_SQL,
  type Join,
  joinOf,
  labelOf,
  UNKNOWN,
} from './dimensions.ts';
import { type Period, type PurchaseWindow, windowConditions } from './filters.ts';
import { DEFAULT_PRICE_BANDS, round2 } from './purchase-breakdown.ts';
import { snapshotCrossTab } from './snapshot/cross-tab.ts';
import { freshSnapshot } from './snapshot/load.ts';
import { reasonText, type SuppressionReason, suppress } from './suppression.ts';
import { tuneForAnalytics } from './tuning.ts';

export interface CrossTabOptions extends PurchaseWindow {
  rows: Dimension;
  cols?: Dimension | undefined;
  period?: Period | undefined;
  bands?: number[] | undefined;
  /** Only purchases whose dimension value is one of `values` (labels as returned, `(unknown)` for missing). */
  filters?: Array<{ dimension: Dimension; values: string[] }> | undefined;
  segmentIds?: Expression<unknown> | undefined;
  asOf: Date;
  /** Minimum customers per shown cell. */
  k: number;
  /** `sql` runs the original single statement (the benchmark's baseline); default: the fresh snapshot. */
  engine?: 'snapshot' | 'sql' | undefined;
}

export interface CrossTabCell {
  row: string;
  /** '' when there is no column dimension. */
  col: string;
  /** null when suppressed. */
  purchases: number | null;
  customers: number | null;
  revenue: number | null;
  averageBasket: number | null;
  suppressed: null | { reason: 'below_k' | 'complementary'; text: string };
}

export interface CrossTab {
  k: number;
  rows: string[];
  cols: string[];
  cells: CrossTabCell[];
  /** True when a dimension or filter is a sensitive (demographic) field. */
  sensitive: boolean;
}

function keySql(d: Dimension, ctx: DimensionContext): RawBuilder<unknown> {
  return sql`coalesce(${dimensionSql(d, ctx)}, ${UNKNOWN})`;
}

/** Per-row grouping key: periods group on the truncated timestamp and are formatted once per cell, not per row. */
function groupKeySql(d: Dimension, ctx: DimensionContext): RawBuilder<unknown> {
  return d === 'period' ? sql`date_trunc(${ctx.period}, p.purchased_at at time zone 'UTC')` : keySql(d, ctx);
}

function outerKeySql(d: Dimension | undefined, column: 'r' | 'c'): RawBuilder<unknown> {
  return d === 'period' ? sql`to_char(${sql.ref(column)}, 'YYYY-MM-DD')` : sql.ref(column);
}

/** A filter on labels: price bands are compared as labels, so the SQL filters on the raw key's label. */
function filterSql(
  f: { dimension: Dimension; values: string[] },
  ctx: DimensionContext,
): RawBuilder<unknown> {
  if (f.dimension === 'price_band') {
    const buckets = f.values.map(
      (v) => ctx.bands.findIndex((_, i) => labelOf('price_band', String(i + 1), ctx.bands) === v) + 1,
    );
    return sql`width_bucket(p.price, ${ctx.bands}::numeric[]) = any(${buckets}::int[])`;
  }
  return sql`${keySql(f.dimension, ctx)} = any(${f.values}::text[])`;
}

type RawRow = { r: string; c: string; purchases: number; customers: number; revenue: number };

function dimensionsOf(opts: CrossTabOptions): Dimension[] {
  return [opts.rows, ...(opts.cols ? [opts.cols] : []), ...(opts.filters ?? []).map((f) => f.dimension)];
}

/** The snapshot version: the in-process columns, refreshed from the change log first (see ./snapshot/load.ts). */
async function snapshotRows(
  db: Kysely<Database>,
  opts: CrossTabOptions,
  ctx: DimensionContext,
): Promise<RawRow[]> {
  const { snapshot, members } = await freshSnapshot(db, opts.segmentIds);
  return snapshotCrossTab(snapshot, {
    rows: opts.rows,
    cols: opts.cols,
    filters: opts.filters ?? [],
    label: (d, raw) => (d === 'price_band' ? labelOf(d, raw, ctx.bands) : raw),
    from: opts.from,
    to: opts.to,
    segment: members,
    asOf: opts.asOf,
    period: ctx.period,
    bands: ctx.bands,
  });
}

/** The SQL version (one statement over purchases joined to customers): the bench's baseline. */
async function sqlRows(
  db: Kysely<Database>,
  opts: CrossTabOptions,
  ctx: DimensionContext,
): Promise<RawRow[]> {
  const dims = dimensionsOf(opts);
  const joins = [...new Set(dims.map(joinOf).filter((j): j is Join => j !== null))].map((j) => JOIN_SQL[j]);
  const where = [
    windowConditions(opts, opts.segmentIds),
    ...(opts.filters ?? []).map((f) => filterSql(f, ctx)),
  ];
  const colKey = opts.cols ? groupKeySql(opts.cols, ctx) : sql`''`;
  // Two-level aggregation: per (cell, customer) first, so "customers" needs no count(distinct) sort.
  const query = sql<{ r: string; c: string; purchases: number; customers: number; revenue: number }>`
    with per_customer as (
      select ${groupKeySql(opts.rows, ctx)} as r, ${colKey} as c, count(*) as n, sum(p.price) as revenue
      from purchase p join customer c on c.id = p.customer_id ${sql.join(joins, sql` `)}
      where ${sql.join(where, sql` and `)}
      group by 1, 2, p.customer_id
    )
    select ${outerKeySql(opts.rows, 'r')} as r, ${outerKeySql(opts.cols, 'c')} as c, sum(n)::int as purchases,
      count(*)::int as customers, coalesce(sum(revenue), 0)::float8 as revenue
    from per_customer group by per_customer.r, per_customer.c order by 1, 2`;
  return db.transaction().execute(async (trx) => {
    await tuneForAnalytics(trx);
    return (await query.execute(trx)).rows;
  });
}

function toCell(
  x: RawRow & { row: string; col: string },
  reason: SuppressionReason | undefined,
  k: number,
): CrossTabCell {
  if (reason)
    return {
      row: x.row,
      col: x.col,
      purchases: null,
      customers: null,
      revenue: null,
      averageBasket: null,
      suppressed: { reason, text: reasonText(reason, k) },
    };
  return {
    row: x.row,
    col: x.col,
    purchases: x.purchases,
    customers: x.customers,
    revenue: round2(x.revenue),
    averageBasket: x.purchases === 0 ? 0 : round2(x.revenue / x.purchases),
    suppressed: null,
  };
}

export async function crossTab(db: Kysely<Database>, opts: CrossTabOptions): Promise<CrossTab> {
  const ctx: DimensionContext = {
    asOf: opts.asOf,
    period: opts.period ?? 'month',
    bands: opts.bands ?? DEFAULT_PRICE_BANDS,
  };
  const dims = dimensionsOf(opts);
  const rows = opts.engine === 'sql' ? await sqlRows(db, opts, ctx) : await snapshotRows(db, opts, ctx);
  const labelled = rows.map((x) => ({
    ...x,
    row: x.r === UNKNOWN ? UNKNOWN : labelOf(opts.rows, x.r, ctx.bands),
    col: opts.cols && x.c !== UNKNOWN ? labelOf(opts.cols, x.c, ctx.bands) : x.c,
  }));
  const hidden = suppress(labelled, opts.k);
  const cells = labelled.map((x, i) => toCell(x, hidden.get(i), opts.k));
  return {
    k: opts.k,
    rows: [...new Set(cells.map((c) => c.row))],
    cols: [...new Set(cells.map((c) => c.col))],
    cells,
    sensitive: dims.some(isSensitive),
  };
}
