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
  /** Cells are addressed directly up to this many rows × columns, hashed beyond (tests lower it). */
  denseLimit?: number | undefined;
}

interface Filter {
  coder: Coder;
  allowed: Uint8Array;
}

/** Per customer slot: 1 when the customer is live, in the segment and passes the customer-level filters. */
function customerMask(snap: Snapshot, filters: Filter[], segment: Uint8Array | undefined): Uint8Array {
  const ok = new Uint8Array(snap.slots);
  const present = snap.present.data;
  const byCustomer = filters.filter((f) => f.coder.level === 'customer');
  for (let s = 0; s < ok.length; s++) {
    if (present[s] !== 1 || (segment && segment[s] !== 1)) continue;
    ok[s] = byCustomer.length === 0 || byCustomer.every((f) => f.allowed[f.coder.codes(s)] === 1) ? 1 : 0;
  }
  return ok;
}

interface Cells {
  add(key: number, slot: number, cents: number): void;
  /** [key, purchases, customers, cents] of every non-empty cell. */
  entries(): Array<[number, number, number, number]>;
}

/** Direct addressing when rows × columns is small (the usual case). */
class DenseCells implements Cells {
  private readonly purchases: Float64Array;
  private readonly cents: Float64Array;
  private readonly customers: Int32Array;
  private readonly stamp: Int32Array;
  constructor(size: number) {
    this.purchases = new Float64Array(size);
    this.cents = new Float64Array(size);
    this.customers = new Int32Array(size);
    this.stamp = new Int32Array(size).fill(-1);
  }
  add(key: number, slot: number, cents: number): void {
    this.purchases[key]! += 1;
    this.cents[key]! += cents;
    if (this.stamp[key] !== slot) {
      this.stamp[key] = slot;
      this.customers[key]! += 1;
    }
  }
  entries(): Array<[number, number, number, number]> {
    const out: Array<[number, number, number, number]> = [];
    this.purchases.forEach((n, key) => {
      if (n > 0) out.push([key, n, this.customers[key]!, this.cents[key]!]);
    });
    return out;
  }
}

/** Hashing when rows × columns is large (say, product × day). */
class SparseCells implements Cells {
  private readonly cells = new Map<number, [number, number, number, number]>();
  add(key: number, slot: number, cents: number): void {
    let c = this.cells.get(key);
    if (!c) {
      c = [0, 0, 0, -1];
      this.cells.set(key, c);
    }
    c[0] += 1;
    c[2] += cents;
    if (c[3] !== slot) {
      c[3] = slot;
      c[1] += 1;
    }
  }
  entries(): Array<[number, number, number, number]> {
    return [...this.cells].map(([key, c]) => [key, c[0], c[1], c[2]]);
  }
}

const DENSE_LIMIT = 1 << 20;

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
  const width = colCoder.card;
  const size = rowCoder.card * width;
  const cells: Cells = size <= (q.denseLimit ?? DENSE_LIMIT) ? new DenseCells(size) : new SparseCells();
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
      cells.add(r * width + c, s, cents[i]!);
    }
  }
  const out = cells.entries().map(([key, purchases, customers, cents]) => ({
    r: rowCoder.raw(Math.floor(key / colCoder.card)),
    c: colCoder.raw(key % colCoder.card),
    purchases,
    customers,
    revenue: cents / 100,
  }));
  return out.sort((a, b) => compare(a.r, b.r) || compare(a.c, b.c));
}

/** Byte order of UTF-8 (the databases' C collation), which is code-point order. */
export function compare(a: string, b: string): number {
  if (a === b) return 0;
  return Buffer.compare(Buffer.from(a), Buffer.from(b));
}
