// A segment's members as snapshot slots. The database sends each member as its 4-byte uuid_hash (a fraction of the
// text of 500,000 uuids, and no string hashing in JavaScript); the few hashes two snapshot customers share are
// resolved by sending those members' full ids. Run in the refresh's transaction, so members and data agree.
import { type Expression, sql, type Transaction } from 'kysely';
import type { Database } from '../../../db/database.ts';
import type { Snapshot } from './store.ts';

/** Open addressing over the slots' hashes: slot + 1, 0 = empty, −1 = shared by several slots. */
class HashIndex {
  readonly keys: Int32Array;
  readonly vals: Int32Array;
  readonly mask: number;
  readonly shared: number[] = [];
  constructor(snap: Snapshot) {
    let size = 1024;
    while (size < snap.slots * 2) size *= 2;
    this.keys = new Int32Array(size);
    this.vals = new Int32Array(size);
    this.mask = size - 1;
    const present = snap.present.data;
    for (let s = 0; s < snap.slots; s++) if (present[s] === 1) this.add(snap.hash.data[s]!, s);
  }
  private find(h: number): number {
    let i = Math.imul(h, 0x9e3779b1) & this.mask;
    while (this.vals[i] !== 0 && this.keys[i] !== h) i = (i + 1) & this.mask;
    return i;
  }
  private add(h: number, slot: number): void {
    const i = this.find(h);
    if (this.vals[i] === 0) {
      this.keys[i] = h;
      this.vals[i] = slot + 1;
    } else if (this.vals[i]! > 0) {
      this.vals[i] = -1;
      this.shared.push(h);
    }
  }
  /** The slot of a hash held by exactly one live customer, else −1. */
  slot(h: number): number {
    const v = this.vals[this.find(h)]!;
    return v > 0 ? v - 1 : -1;
  }
}

const indexes = new WeakMap<Snapshot, { version: number; index: HashIndex }>();

function indexOf(snap: Snapshot): HashIndex {
  const cached = indexes.get(snap);
  if (cached && cached.version === snap.version) return cached.index;
  const index = new HashIndex(snap);
  indexes.set(snap, { version: snap.version, index });
  return index;
}

/** Comma-separated signed integers, parsed without allocating a string per number. */
function eachInt(text: string, visit: (n: number) => void): void {
  let v = 0;
  let neg = false;
  let digits = false;
  for (let i = 0; i <= text.length; i++) {
    const ch = i < text.length ? text.charCodeAt(i) : 44;
    if (ch === 44) {
      if (digits) visit(neg ? -v : v);
      v = 0;
      neg = false;
      digits = false;
    } else if (ch === 45) neg = true;
    else {
      v = v * 10 + (ch - 48);
      digits = true;
    }
  }
}

export async function segmentMask(
  trx: Transaction<Database>,
  snap: Snapshot,
  ids: Expression<unknown>,
): Promise<Uint8Array> {
  const index = indexOf(snap);
  // Members whose hash two snapshot customers share come back by id (a hash join against the short list).
  const { rows } = await sql<{ hashes: string | null; shared: string | null }>`
    with m as materialized (select s.id, uuid_hash(s.id) as h from (${ids}) as s(id))
    select (select string_agg(m.h::text, ',') from m) as hashes,
      (select string_agg(m.id::text, ',') from m join unnest(${index.shared}::int4[]) as x(h) on x.h = m.h) as shared
  `.execute(trx);
  const out = new Uint8Array(snap.slots);
  eachInt(rows[0]?.hashes ?? '', (h) => {
    const s = index.slot(h);
    if (s >= 0) out[s] = 1;
  });
  for (const id of (rows[0]?.shared ?? '').split(',')) {
    const s = snap.slotOf.get(id);
    if (s !== undefined) out[s] = 1;
  }
  return out;
}
