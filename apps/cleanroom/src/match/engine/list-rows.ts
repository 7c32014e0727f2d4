// A list's rows from the exact pairs, in the receiver ids' order and without duplicates (a member matching by
// e-mail and by phone yields one link): a two-level counting sort by the receiver's member ordinal (ordinals
// already follow the member ids' first 8 bytes) — first into a few thousand coarse buckets of ordinals, written as
// streams, then inside each bucket in a cache-sized scratch — and a small sort inside each ordinal by the full
// ids. A single-level sort scattered 36-byte rows over the whole list: ~0.6 µs a pair at 5M members.
import type { LiveRun } from './merge.ts';
import type { Pairs } from './pairs.ts';
import { MEMBER_WORDS, TAIL_WORDS, TOKEN_WORDS } from './run.ts';

/** Per link, 9 little-endian words: receiver member id (4) | counterpart member id (4) | counterpart index (1). */
export const LINK_SIZE = 36;
const LINK_WORDS = 9;
/** A row while staged by coarse bucket: the link row's 9 words, then the receiver ordinal. */
const STAGED_WORDS = 10;
/** Where the member id starts in a token's tail (word 6 of 10). */
const ID_WORD = 6;

export interface ListRows {
  links: Buffer;
  linkCount: number;
  /** Distinct receiver member ids, 16 bytes each (ordered by their first 8 bytes). */
  members: Buffer;
  memberCount: number;
}

const tailWords = (r: LiveRun) => {
  const t = r.run.tails as Uint8Array;
  return new Uint32Array(t.buffer, t.byteOffset, t.byteLength / 4);
};

/** Row a of `w` against row b, word by word (any total order will do: it only has to bring equal rows together). */
function compareRows(w: Uint32Array, a: number, b: number): number {
  for (let k = 0; k < LINK_WORDS; k++) {
    const x = w[a * LINK_WORDS + k] as number;
    const y = w[b * LINK_WORDS + k] as number;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

function swapRows(w: Uint32Array, a: number, b: number): void {
  for (let k = 0; k < LINK_WORDS; k++) {
    const t = w[a * LINK_WORDS + k] as number;
    w[a * LINK_WORDS + k] = w[b * LINK_WORDS + k] as number;
    w[b * LINK_WORDS + k] = t;
  }
}

/** Insertion sort of rows [from, to) (one member ordinal: a handful of rows). */
function sortRows(w: Uint32Array, from: number, to: number): void {
  for (let a = from + 1; a < to; a++) {
    for (let b = a; b > from && compareRows(w, b - 1, b) > 0; b--) swapRows(w, b - 1, b);
  }
}

/** The rows kept so far (sorted, distinct) and their distinct receiver ids (4 words each). */
interface Kept {
  w: Uint32Array;
  n: number;
  m: Uint32Array;
  members: number;
}

/** Keeps row r of `loc` unless it equals the last row kept; a receiver not seen just before joins the members. */
function keep(loc: Uint32Array, r: number, out: Kept): void {
  const a = r * LINK_WORDS;
  const { w, m } = out;
  if (out.n > 0) {
    const b = (out.n - 1) * LINK_WORDS;
    let k = 0;
    while (k < LINK_WORDS && w[b + k] === loc[a + k]) k++;
    if (k === LINK_WORDS) return;
  }
  const t = out.n * LINK_WORDS;
  for (let k = 0; k < LINK_WORDS; k++) w[t + k] = loc[a + k] as number;
  out.n++;
  const p = (out.members - 1) * 4;
  if (
    out.members > 0 &&
    m[p] === loc[a] &&
    m[p + 1] === loc[a + 1] &&
    m[p + 2] === loc[a + 2] &&
    m[p + 3] === loc[a + 3]
  )
    return;
  for (let k = 0; k < 4; k++) m[out.members * 4 + k] = loc[a + k] as number;
  out.members++;
}

/** Receiver ordinals per coarse bucket: a bucket's rows (a few thousand) fit in the CPU's cache when placed. */
const BUCKET_BITS = 12;

/** Pairs per coarse bucket of receiver ordinals (`ordinal >>> shift`), as start offsets. */
function bucketStarts(own: LiveRun, perCounterpart: Pairs[], shift: number): Uint32Array {
  const ordinals = own.run.members.length / MEMBER_WORDS;
  const starts = new Uint32Array((ordinals >>> shift) + 2);
  const T = own.run.tokens;
  for (const p of perCounterpart) {
    for (let k = 0; k < p.n; k++) {
      const b = ((T[(p.own[k] as number) * TOKEN_WORDS + 2] as number) >>> shift) + 1;
      starts[b] = (starts[b] as number) + 1;
    }
  }
  for (let b = 1; b < starts.length; b++) starts[b] = (starts[b] as number) + (starts[b - 1] as number);
  return starts;
}

/**
 * Every pair as a row (plus its receiver ordinal as a tenth word) at its coarse bucket's next free place. Pairs
 * come in token order, so both sides' tails are read sequentially, and the writes go to a few thousand streams
 * rather than scattering over the whole list.
 */
function bucketRows(
  own: LiveRun,
  others: LiveRun[],
  perCounterpart: Pairs[],
  starts: Uint32Array,
  shift: number,
) {
  const next = starts.slice();
  const tmp = new Uint32Array((starts[starts.length - 1] as number) * STAGED_WORDS);
  const T = own.run.tokens;
  const ownTails = tailWords(own);
  for (const [c, p] of perCounterpart.entries()) {
    const src = tailWords(others[c] as LiveRun);
    for (let k = 0; k < p.n; k++) {
      const i = p.own[k] as number;
      const j = p.other[k] as number;
      const ord = T[i * TOKEN_WORDS + 2] as number;
      const b = ord >>> shift;
      const at = next[b] as number;
      next[b] = at + 1;
      const o = at * STAGED_WORDS;
      const a = i * TAIL_WORDS + ID_WORD;
      const z = j * TAIL_WORDS + ID_WORD;
      tmp[o] = ownTails[a] as number;
      tmp[o + 1] = ownTails[a + 1] as number;
      tmp[o + 2] = ownTails[a + 2] as number;
      tmp[o + 3] = ownTails[a + 3] as number;
      tmp[o + 4] = src[z] as number;
      tmp[o + 5] = src[z + 1] as number;
      tmp[o + 6] = src[z + 2] as number;
      tmp[o + 7] = src[z + 3] as number;
      tmp[o + 8] = c;
      tmp[o + 9] = ord;
    }
  }
  return tmp;
}

/**
 * One coarse bucket's staged rows in ordinal order (counting sort on the ordinal's low bits into `loc`, a scratch
 * the size of a bucket, so it stays in cache), each ordinal's few rows in full order, then kept if new.
 */
function placeBucket(tmp: Uint32Array, from: number, to: number, scratch: Scratch, out: Kept): void {
  const { count, loc, low } = scratch;
  count.fill(0);
  for (let r = from; r < to; r++) {
    const d = ((tmp[r * STAGED_WORDS + 9] as number) & low) + 1;
    count[d] = (count[d] as number) + 1;
  }
  for (let d = 1; d < count.length; d++) count[d] = (count[d] as number) + (count[d - 1] as number);
  for (let r = from; r < to; r++) {
    const o = r * STAGED_WORDS;
    const d = (tmp[o + 9] as number) & low;
    const t = (count[d] as number) * LINK_WORDS;
    count[d] = (count[d] as number) + 1;
    for (let x = 0; x < LINK_WORDS; x++) loc[t + x] = tmp[o + x] as number;
  }
  // count[d] is now the end of ordinal d's rows (and the start of d + 1's).
  let start = 0;
  for (let d = 0; d <= low && start < to - from; d++) {
    const end = count[d] as number;
    if (end - start > 1) sortRows(loc, start, end);
    for (let r = start; r < end; r++) keep(loc, r, out);
    start = end;
  }
}

/** Counters over an ordinal's low bits and a bucket-sized place to sort in. */
interface Scratch {
  count: Uint32Array;
  loc: Uint32Array;
  low: number;
}

/** The rows, sorted and distinct, and the distinct receivers, bucket by bucket of receiver ordinals. */
function placeRows(own: LiveRun, others: LiveRun[], perCounterpart: Pairs[]): Kept {
  const ordinals = own.run.members.length / MEMBER_WORDS;
  const shift = Math.max(0, 32 - Math.clz32(ordinals) - BUCKET_BITS);
  const starts = bucketStarts(own, perCounterpart, shift);
  const n = starts[starts.length - 1] as number;
  const tmp = bucketRows(own, others, perCounterpart, starts, shift);
  let largest = 0;
  for (let b = 0; b + 1 < starts.length; b++)
    largest = Math.max(largest, (starts[b + 1] as number) - (starts[b] as number));
  const scratch = {
    count: new Uint32Array((1 << shift) + 1),
    loc: new Uint32Array(largest * LINK_WORDS),
    low: (1 << shift) - 1,
  };
  const out: Kept = { w: new Uint32Array(n * LINK_WORDS), n: 0, m: new Uint32Array(n * 4), members: 0 };
  for (let b = 0; b + 1 < starts.length; b++) {
    const from = starts[b] as number;
    const to = starts[b + 1] as number;
    if (to > from) placeBucket(tmp, from, to, scratch, out);
  }
  return out;
}

/** The list's links and members, sorted and distinct, from the pairs found against each counterpart. */
export function listRows(own: LiveRun, others: LiveRun[], perCounterpart: Pairs[]): ListRows {
  const out = placeRows(own, others, perCounterpart);
  return {
    links: Buffer.from(out.w.buffer, 0, out.n * LINK_SIZE),
    linkCount: out.n,
    members: Buffer.from(out.m.buffer, 0, out.members * 16),
    memberCount: out.members,
  };
}
