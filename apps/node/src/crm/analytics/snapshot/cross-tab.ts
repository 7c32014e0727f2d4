// Cross-tab aggregation over the snapshot: one pass over the live customers' purchase blocks. A cell counts a
// customer once (its stamp is the customer's slot), so distinct customers per cell need no set or sort.
import type { Dimension } from '../dimensions.ts';
import type { Period } from '../filters.ts';
import { allowedCodes, type Coder, coderOf, NONE } from './coders.ts';
import type { Snapshot } from './store.ts';

export interface RawCell {
  r: string;
  c: string;
  purchases: number;
  customers: number;
  revenue: number;
}

export interface SnapshotCrossTab {
  rows: Dimension;
  cols?: Dimension | undefined;
  filters: Array<{ dimension: Dimension; values: string[] }>;
  /** Display label of a raw key of a dimension (filters compare labels, as the SQL version does for price bands). */
  label: (d: Dimension, raw: string) => string;
  from?: Date | undefined;
  to?: Date | undefined;
  segment?: Uint8Array | undefined;
  asOf: Date;
  period: Period;
  bands: number[];
}

interface Filter {
  coder: Coder;
  allowed: Uint8Array;
}

/** Per customer slot: 1 when the customer is live, in the segment and passes the customer-level filters. */
function customerMask(snap: Snapshot, filters: Filter[], segment: Uint8Array | undefined): Uint8Array {
  const ok = new Uint8Array(snap.slots);
  const present = snap.present.data;
  for (let s = 0; s < ok.length; s++) {
    if (present[s] !== 1 || (segment && segment[s] !== 1)) continue;
    ok[s] = filters.every((f) => f.coder.level === 'purchase' || f.allowed[f.coder.codes(s)] === 1) ? 1 : 0;
  }
  return ok;
}

class Cells {
  private readonly index = new Map<number, number>();
  readonly keys: number[] = [];
  readonly purchases: number[] = [];
  readonly cents: number[] = [];
  readonly customers: number[] = [];
  readonly stamp: number[] = [];
  add(key: number, slot: number, cents: number): void {
    let i = this.index.get(key);
    if (i === undefined) {
      i = this.keys.length;
      this.index.set(key, i);
      this.keys.push(key);
      this.purchases.push(0);
      this.cents.push(0);
      this.customers.push(0);
      this.stamp.push(-1);
    }
    this.purchases[i]! += 1;
    this.cents[i]! += cents;
    if (this.stamp[i] !== slot) {
      this.stamp[i] = slot;
      this.customers[i]! += 1;
    }
  }
}

export function snapshotCrossTab(snap: Snapshot, q: SnapshotCrossTab): RawCell[] {
  const ctx = { asOf: q.asOf, period: q.period, bands: q.bands };
  const rowCoder = coderOf(snap, q.rows, ctx);
  const colCoder = q.cols ? coderOf(snap, q.cols, ctx) : NONE;
  const filters = q.filters.map((f) => {
    const coder = coderOf(snap, f.dimension, ctx);
    return { coder, allowed: allowedCodes(coder, f.values, (raw) => q.label(f.dimension, raw)) };
  });
  const rowLevel = filters.filter((f) => f.coder.level === 'purchase');
  const ok = customerMask(snap, filters, q.segment);
  const from = q.from ? q.from.getTime() : Number.NEGATIVE_INFINITY;
  const to = q.to ? q.to.getTime() : Number.POSITIVE_INFINITY;
  const [start, len, ms, cents] = [snap.pStart.data, snap.pLen.data, snap.pMs.data, snap.pCents.data];
  const rowByCustomer = rowCoder.level === 'customer';
  const colByCustomer = colCoder.level === 'customer';
  const cells = new Cells();
  for (let s = 0; s < ok.length; s++) {
    if (ok[s] !== 1) continue;
    const r0 = rowByCustomer ? rowCoder.codes(s) : 0;
    const c0 = colByCustomer ? colCoder.codes(s) : 0;
    for (let i = start[s]!, end = i + len[s]!; i < end; i++) {
      const t = ms[i]!;
      if (t < from || t >= to) continue;
      if (rowLevel.length > 0 && !rowLevel.every((f) => f.allowed[f.coder.codes(i)] === 1)) continue;
      const r = rowByCustomer ? r0 : rowCoder.codes(i);
      const c = colByCustomer ? c0 : colCoder.codes(i);
      cells.add(r * colCoder.card + c, s, cents[i]!);
    }
  }
  const out = cells.keys.map((key, i) => ({
    r: rowCoder.raw(Math.floor(key / colCoder.card)),
    c: colCoder.raw(key % colCoder.card),
    purchases: cells.purchases[i]!,
    customers: cells.customers[i]!,
    revenue: cells.cents[i]! / 100,
  }));
  return out.sort((a, b) => compare(a.r, b.r) || compare(a.c, b.c));
}

/** Byte order of UTF-8 (the databases' C collation), which is code-point order. */
export function compare(a: string, b: string): number {
  if (a === b) return 0;
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}
