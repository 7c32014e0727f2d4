// A list's rows from the exact pairs, in the primary keys' order and without duplicates (a member matching by
// e-mail and by phone yields one link): counting sort by the receiver's member ordinal (ordinals already follow
// the member ids' first 8 bytes), then a small sort inside each ordinal by the full ids, so the rows reach the
// B-trees pre-sorted.
import type { LiveRun } from './merge.ts';
import type { Pairs } from './pairs.ts';
import { MEMBER_WORDS, TAIL_WORDS, TOKEN_WORDS } from './run.ts';

/** Per link, 9 little-endian words: receiver member id (4) | counterpart member id (4) | counterpart index (1). */
export const LINK_SIZE = 36;
const LINK_WORDS = 9;
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

/** Drops rows equal to their predecessor (the rows are sorted); returns how many remain. */
function unique(w: Uint32Array, count: number, words: number): number {
  let kept = 0;
  for (let r = 0; r < count; r++) {
    let same = kept > 0;
    for (let k = 0; same && k < words; k++) same = w[r * LINK_WORDS + k] === w[(kept - 1) * LINK_WORDS + k];
    if (same) continue;
    if (kept !== r)
      for (let k = 0; k < LINK_WORDS; k++) w[kept * LINK_WORDS + k] = w[r * LINK_WORDS + k] as number;
    kept++;
  }
  return kept;
}

/** Start of each receiver ordinal's rows: counting sort by ordinal, which already follows the ids' first 8 bytes. */
function groupStarts(own: LiveRun, perCounterpart: Pairs[]): Uint32Array {
  const ordinals = own.run.members.length / MEMBER_WORDS;
  const starts = new Uint32Array(ordinals + 1);
  const T = own.run.tokens;
  for (const p of perCounterpart) {
    for (let k = 0; k < p.n; k++) {
      const o = (T[(p.own[k] as number) * TOKEN_WORDS + 2] as number) + 1;
      starts[o] = (starts[o] as number) + 1;
    }
  }
  for (let o = 1; o <= ordinals; o++) starts[o] = (starts[o] as number) + (starts[o - 1] as number);
  return starts;
}

/**
 * Every pair as a row at its ordinal's next free place. Pairs come in token order, so both sides' tails are read
 * sequentially and only the row writes scatter.
 */
function placeRows(
  own: LiveRun,
  others: LiveRun[],
  perCounterpart: Pairs[],
  starts: Uint32Array,
): Uint32Array {
  const next = starts.slice();
  const w = new Uint32Array((starts[starts.length - 1] as number) * LINK_WORDS);
  const T = own.run.tokens;
  const ownTails = tailWords(own);
  for (const [c, p] of perCounterpart.entries()) {
    const src = tailWords(others[c] as LiveRun);
    for (let k = 0; k < p.n; k++) {
      const i = p.own[k] as number;
      const j = p.other[k] as number;
      const ord = T[i * TOKEN_WORDS + 2] as number;
      const at = next[ord] as number;
      next[ord] = at + 1;
      const o = at * LINK_WORDS;
      for (let x = 0; x < 4; x++) {
        w[o + x] = ownTails[i * TAIL_WORDS + ID_WORD + x] as number;
        w[o + 4 + x] = src[j * TAIL_WORDS + ID_WORD + x] as number;
      }
      w[o + 8] = c;
    }
  }
  return w;
}

/** The distinct receiver ids of the (sorted, distinct) links. */
function distinctMembers(w: Uint32Array, linkCount: number): Buffer {
  const m = new Uint32Array(linkCount * 4);
  let n = 0;
  for (let r = 0; r < linkCount; r++) {
    const o = r * LINK_WORDS;
    const p = (n - 1) * 4;
    if (n > 0 && m[p] === w[o] && m[p + 1] === w[o + 1] && m[p + 2] === w[o + 2] && m[p + 3] === w[o + 3])
      continue;
    for (let k = 0; k < 4; k++) m[n * 4 + k] = w[o + k] as number;
    n++;
  }
  return Buffer.from(m.buffer, 0, n * 16);
}

/** The list's links and members, sorted and distinct, from the pairs found against each counterpart. */
export function listRows(own: LiveRun, others: LiveRun[], perCounterpart: Pairs[]): ListRows {
  const starts = groupStarts(own, perCounterpart);
  const w = placeRows(own, others, perCounterpart, starts);
  for (let o = 0; o + 1 < starts.length; o++) {
    const from = starts[o] as number;
    const to = starts[o + 1] as number;
    if (to - from > 1) sortRows(w, from, to);
  }
  const linkCount = unique(w, starts[starts.length - 1] as number, LINK_WORDS);
  const members = distinctMembers(w, linkCount);
  const links = Buffer.from(w.buffer, 0, linkCount * LINK_SIZE);
  return { links, linkCount, members, memberCount: members.length / 16 };
}
