// A list's rows from the exact pairs, in the primary keys' order and without duplicates (a member matching by
// e-mail and by phone yields one link): counting sort by the receiver's member ordinal (ordinals already follow
// the member ids' first 8 bytes), then a small sort inside each ordinal by the full ids, so the rows reach the
// B-trees pre-sorted.
import type { LiveRun } from './merge.ts';
import type { Pairs } from './pairs.ts';
import { MEMBER_WORDS, TAIL_WORDS, TOKEN_WORDS } from './run.ts';

/** Per link: receiver member id 16 | counterpart member id 16 | counterpart index 1. */
export const LINK_SIZE = 33;
const ID_AT = 24;
const TAIL_BYTES = TAIL_WORDS * 4;

export interface ListRows {
  links: Buffer;
  linkCount: number;
  /** Distinct receiver member ids, 16 bytes each, ascending. */
  members: Buffer;
  memberCount: number;
}

/** One pair of one counterpart, flattened: receiver token, counterpart token, counterpart index. */
interface Flat {
  own: Uint32Array;
  other: Uint32Array;
  side: Uint8Array;
}

function flatten(own: LiveRun, perCounterpart: Pairs[]): Flat {
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
  const total = starts[ordinals] as number;
  const flat: Flat = {
    own: new Uint32Array(total),
    other: new Uint32Array(total),
    side: new Uint8Array(total),
  };
  for (const [c, p] of perCounterpart.entries()) {
    for (let k = 0; k < p.n; k++) {
      const i = p.own[k] as number;
      const o = T[i * TOKEN_WORDS + 2] as number;
      const at = starts[o] as number;
      starts[o] = at + 1;
      flat.own[at] = i;
      flat.other[at] = p.other[k] as number;
      flat.side[at] = c;
    }
  }
  return flat;
}

/** Writes link row `r` (ids copied out of the tails) into `out`. */
function writeLink(
  out: Buffer,
  r: number,
  own: Uint8Array,
  i: number,
  other: Uint8Array,
  j: number,
  c: number,
) {
  out.set(own.subarray(i * TAIL_BYTES + ID_AT, i * TAIL_BYTES + ID_AT + 16), r * LINK_SIZE);
  out.set(other.subarray(j * TAIL_BYTES + ID_AT, j * TAIL_BYTES + ID_AT + 16), r * LINK_SIZE + 16);
  out[r * LINK_SIZE + 32] = c;
}

/** Insertion sort of the rows [from, to) of `out` by their 33 bytes (each ordinal holds a handful of rows). */
function sortRows(out: Buffer, from: number, to: number): void {
  const tmp = Buffer.allocUnsafe(LINK_SIZE);
  for (let a = from + 1; a < to; a++) {
    out.copy(tmp, 0, a * LINK_SIZE, (a + 1) * LINK_SIZE);
    let b = a - 1;
    while (b >= from && out.compare(tmp, 0, LINK_SIZE, b * LINK_SIZE, (b + 1) * LINK_SIZE) < 0) {
      out.copy(out, (b + 1) * LINK_SIZE, b * LINK_SIZE, (b + 1) * LINK_SIZE);
      b--;
    }
    tmp.copy(out, (b + 1) * LINK_SIZE);
  }
}

/** Drops repeated rows of a sorted buffer (rows of `size` bytes, comparing their first `key` bytes). */
function unique(buf: Buffer, count: number, size: number, key: number): number {
  let w = 0;
  for (let r = 0; r < count; r++) {
    if (w > 0 && buf.compare(buf, r * size, r * size + key, (w - 1) * size, (w - 1) * size + key) === 0)
      continue;
    if (w !== r) buf.copy(buf, w * size, r * size, (r + 1) * size);
    w++;
  }
  return w;
}

/** The list's links and members, sorted and distinct, from the pairs found against each counterpart. */
export function listRows(own: LiveRun, others: LiveRun[], perCounterpart: Pairs[]): ListRows {
  const flat = flatten(own, perCounterpart);
  const total = flat.own.length;
  const links = Buffer.allocUnsafe(total * LINK_SIZE);
  const ownTails = own.run.tails as Uint8Array;
  const T = own.run.tokens;
  let groupStart = 0;
  for (let r = 0; r < total; r++) {
    const i = flat.own[r] as number;
    const c = flat.side[r] as number;
    writeLink(links, r, ownTails, i, others[c]?.run.tails as Uint8Array, flat.other[r] as number, c);
    const next = flat.own[r + 1];
    if (next === undefined || T[next * TOKEN_WORDS + 2] !== T[i * TOKEN_WORDS + 2]) {
      if (r > groupStart) sortRows(links, groupStart, r + 1);
      groupStart = r + 1;
    }
  }
  const linkCount = unique(links, total, LINK_SIZE, LINK_SIZE);
  const members = Buffer.allocUnsafe(linkCount * 16);
  for (let r = 0; r < linkCount; r++) links.copy(members, r * 16, r * LINK_SIZE, r * LINK_SIZE + 16);
  const memberCount = unique(members, linkCount, 16, 16);
  return { links, linkCount, members, memberCount };
}
