// A delivered list as blocks (pure): its members sorted bytewise, 16 B each, cut every MEMBERS_PER_BLOCK; its match
// edges as 36-byte entries — member id | counterpart member id | counterpart index | 0 | the member's edge count
// (uint16 big-endian, saturated) — placed by a counting sort on (counterpart index, first two bytes of the
// counterpart member id) and cut at those groups' boundaries, so a withdrawal finds a counterpart member's edges
// with one block lookup and a binary search (the SQL functions of the list_blocks migration).
import type { ListRows } from '../match/engine/list-rows.ts';

export const MEMBERS_PER_BLOCK = 1024;
export const LINKS_PER_BLOCK = 1024;
/** The engine's link row: member id (16) | counterpart member id (16) | counterpart index (1) | 0 | edge count (2). */
export const LINK_ENTRY = 36;
/** Edge counts at or above this are stored as this, and such a member is never removed by counting cut edges. */
export const SATURATED_LINKS = 0xffff;

export interface MemberBlock {
  firstId: Buffer;
  n: number;
  ids: Buffer;
}

export interface LinkBlock {
  firstKey: number;
  n: number;
  body: Buffer;
}

/** The group of a counterpart member's edges: counterpart index × 65,536 + its id's first two bytes. */
export const linkKey = (cpIndex: number, counterpartId: Uint8Array): number =>
  cpIndex * 65536 + (counterpartId[0] as number) * 256 + (counterpartId[1] as number);

/** -1, 0 or 1 as the 16 bytes at `a[ao]` sort before, with or after those at `b[bo]`. */
export function compare16(a: Uint8Array, ao: number, b: Uint8Array, bo: number): number {
  for (let k = 0; k < 16; k++) {
    const x = a[ao + k] as number;
    const y = b[bo + k] as number;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/**
 * The members sorted bytewise. The engine orders them by their first 8 bytes (as bytea compares them), so this is
 * usually a check; ids sharing their first 8 bytes are put in full order.
 */
export function sortedMembers(members: Buffer, count: number): Buffer {
  let sorted = true;
  for (let i = 1; i < count && sorted; i++) sorted = compare16(members, (i - 1) * 16, members, i * 16) < 0;
  if (sorted) return members.subarray(0, count * 16);
  const order = Array.from({ length: count }, (_, i) => i).sort((x, y) =>
    compare16(members, x * 16, members, y * 16),
  );
  const out = Buffer.allocUnsafe(count * 16);
  order.forEach((from, i) => {
    members.copy(out, i * 16, from * 16, from * 16 + 16);
  });
  return out;
}

export function memberBlocks(sorted: Buffer): MemberBlock[] {
  const count = sorted.length / 16;
  const blocks: MemberBlock[] = [];
  for (let from = 0; from < count; from += MEMBERS_PER_BLOCK) {
    const n = Math.min(MEMBERS_PER_BLOCK, count - from);
    const ids = sorted.subarray(from * 16, (from + n) * 16);
    blocks.push({ firstId: ids.subarray(0, 16), n, ids });
  }
  return blocks;
}

/** 32-bit words over a buffer (copied when it does not start on a word boundary). */
function words(b: Buffer): Uint32Array {
  const a = b.byteOffset % 4 === 0 ? b : Buffer.from(b);
  return new Uint32Array(a.buffer, a.byteOffset, a.byteLength >> 2);
}

const groupOf = (src: Buffer, o: number) =>
  (src[o + 32] as number) * 65536 + (src[o + 16] as number) * 256 + (src[o + 17] as number);

/** Where each group's entries start (counting sort by group). */
function groupStarts(src: Buffer, count: number): Uint32Array {
  let maxCp = 0;
  for (let r = 0; r < count; r++) maxCp = Math.max(maxCp, src[r * LINK_ENTRY + 32] as number);
  const starts = new Uint32Array((maxCp + 1) * 65536 + 1);
  for (let r = 0; r < count; r++) {
    const k = groupOf(src, r * LINK_ENTRY) + 1;
    starts[k] = (starts[k] as number) + 1;
  }
  for (let k = 1; k < starts.length; k++) starts[k] = (starts[k] as number) + (starts[k - 1] as number);
  return starts;
}

/**
 * Every edge at its coarse group's (counterpart index, first byte of its id) next place, word by word: an entry is
 * the engine's row with the member's edge count in bytes 34–35. The engine's rows come grouped by member, so edge
 * counts are run lengths. Writing to 256 streams a counterpart keeps the writes in cache, where 65,536 did not.
 */
function stageLinks(from: Uint32Array, count: number, starts: Uint32Array): Uint32Array {
  const next = new Uint32Array(Math.ceil(starts.length / 256));
  for (let c = 0; c < next.length; c++) next[c] = starts[c * 256] as number;
  const to = new Uint32Array(count * 9);
  for (let r = 0; r < count; ) {
    let end = r + 1;
    const a = r * 9;
    while (
      end < count &&
      from[end * 9] === from[a] &&
      from[end * 9 + 1] === from[a + 1] &&
      from[end * 9 + 2] === from[a + 2] &&
      from[end * 9 + 3] === from[a + 3]
    )
      end++;
    const links = Math.min(end - r, SATURATED_LINKS);
    // Little-endian word 8: counterpart index, 0, then the count big-endian.
    const tail = ((links >> 8) << 16) | ((links & 0xff) << 24);
    for (let q = r; q < end; q++) {
      const o = q * 9;
      const k = wordGroup(from, o) >>> 8;
      const at = (next[k] as number) * 9;
      next[k] = (next[k] as number) + 1;
      for (let x = 0; x < 8; x++) to[at + x] = from[o + x] as number;
      to[at + 8] = (((from[o + 8] as number) & 0xff) | tail) >>> 0;
    }
    r = end;
  }
  return to;
}

/** The group of the entry at word `o`: its counterpart index and its counterpart id's first two bytes. */
const wordGroup = (w: Uint32Array, o: number) =>
  ((w[o + 8] as number) & 0xff) * 65536 +
  ((w[o + 4] as number) & 0xff) * 256 +
  (((w[o + 4] as number) >>> 8) & 0xff);

/** The staged entries in exact group order: each coarse group's entries placed by the id's second byte. */
function placeLinks(src: Buffer, count: number, starts: Uint32Array): Buffer {
  const staged = stageLinks(words(src), count, starts);
  const next = starts.slice();
  const to = new Uint32Array(count * 9);
  for (let q = 0; q < count; q++) {
    const o = q * 9;
    const k = wordGroup(staged, o);
    const at = (next[k] as number) * 9;
    next[k] = (next[k] as number) + 1;
    for (let x = 0; x < 9; x++) to[at + x] = staged[o + x] as number;
  }
  return Buffer.from(to.buffer, 0, count * LINK_ENTRY);
}

/** The edges as blocks of about LINKS_PER_BLOCK entries, each starting at a group boundary. */
export function linkBlocks(rows: Pick<ListRows, 'links' | 'linkCount'>): LinkBlock[] {
  const count = rows.linkCount;
  const starts = groupStarts(rows.links, count);
  const body = placeLinks(rows.links, count, starts);
  const blocks: LinkBlock[] = [];
  let from = 0;
  let firstKey = -1;
  for (let k = 0; k + 1 < starts.length; k++) {
    const end = starts[k + 1] as number;
    if (end === starts[k]) continue;
    if (firstKey < 0) firstKey = k;
    if (end - from >= LINKS_PER_BLOCK || end === count) {
      blocks.push({ firstKey, n: end - from, body: body.subarray(from * LINK_ENTRY, end * LINK_ENTRY) });
      from = end;
      firstKey = -1;
    }
  }
  return blocks;
}
