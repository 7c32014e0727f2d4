// A version's sorted run: what the match engine merges. Built once at commit from the version's token table,
// immutable afterwards (withdrawals go to a tombstone set). Layout, all little-endian uint32 words:
//   tokens  4 words per token [tk hi, tk lo, member ordinal, purpose mask], ascending by tk (unsigned), cut into
//           256 buckets by the token's first byte (bucket b = tokens whose tk starts with byte b);
//   members 2 words per distinct member [mk hi, mk lo], ascending; a member's ordinal is its rank here, and the
//           same 256-bucket cut applies on the member id's first byte.
//   tails   (optional) 40 bytes per token in token order: the token's last 24 bytes and the full member id — what
//           exact lists verify candidates against (lists.ts); kept apart so counts never load them.
// tk/mk are the first 8 bytes of the token and member id, as in the token table. Because both cuts are hashes of
// the first byte, bucket b of every version is a shard: matching never crosses buckets.
import { sortByKey } from './radix.ts';

export const BUCKETS = 256;
export const TOKEN_WORDS = 4;
export const MEMBER_WORDS = 2;

/** Plain columns of one version's tokens (as read from its token table). */
export interface TokenColumns {
  n: number;
  tkHi: Uint32Array;
  tkLo: Uint32Array;
  mkHi: Uint32Array;
  mkLo: Uint32Array;
  mask: Int32Array;
  /** 40 bytes per token (token bytes 8..32, member id), or null when only counts are built. */
  tails: Uint8Array | null;
}

export interface VersionRun {
  tokens: Uint32Array;
  /** tokenStarts[b]..tokenStarts[b + 1]: the tokens of bucket b (token indices, not words). */
  tokenStarts: Uint32Array;
  members: Uint32Array;
  memberStarts: Uint32Array;
  tails: Uint8Array | null;
}

export const TAIL_WORDS = 10;

export function emptyColumns(capacity: number, withTails = false): TokenColumns {
  return {
    tails: withTails ? new Uint8Array(capacity * TAIL_WORDS * 4) : null,
    n: 0,
    tkHi: new Uint32Array(capacity),
    tkLo: new Uint32Array(capacity),
    mkHi: new Uint32Array(capacity),
    mkLo: new Uint32Array(capacity),
    mask: new Int32Array(capacity),
  };
}

/** Start offsets of the 256 first-byte buckets in an array sorted by `hi` (stride words per entry). */
export function bucketStarts(words: Uint32Array, stride: number, count: number): Uint32Array {
  const starts = new Uint32Array(BUCKETS + 1);
  let b = 0;
  for (let i = 0; i < count; i++) {
    const bucket = (words[i * stride] as number) >>> 24;
    while (b <= bucket) starts[b++] = i;
  }
  while (b <= BUCKETS) starts[b++] = count;
  return starts;
}

/** Sorts the columns into a run: member ordinals by member-id prefix, then tokens by token prefix. */
export function buildRun(c: TokenColumns): VersionRun {
  const { n } = c;
  const { order: byMember, hi: memberHi } = sortByKey(c.mkHi, c.mkLo, n);
  const ordinal = new Uint32Array(n);
  const distinct = new Uint32Array(n * MEMBER_WORDS);
  let m = -1;
  let lastHi = -1;
  let lastLo = -1;
  for (let i = 0; i < n; i++) {
    const t = byMember[i] as number;
    const hi = memberHi[i] as number;
    const lo = c.mkLo[t] as number;
    if (hi !== lastHi || lo !== lastLo) {
      m++;
      distinct[m * 2] = hi;
      distinct[m * 2 + 1] = lo;
      lastHi = hi;
      lastLo = lo;
    }
    ordinal[t] = m;
  }
  const members = distinct.slice(0, (m + 1) * MEMBER_WORDS);
  const { order: byToken, hi: tokenHi } = sortByKey(c.tkHi, c.tkLo, n);
  const tokens = new Uint32Array(n * TOKEN_WORDS);
  for (let i = 0; i < n; i++) {
    const t = byToken[i] as number;
    const o = i * TOKEN_WORDS;
    tokens[o] = tokenHi[i] as number;
    tokens[o + 1] = c.tkLo[t] as number;
    tokens[o + 2] = ordinal[t] as number;
    tokens[o + 3] = c.mask[t] as number;
  }
  return {
    tokens,
    tokenStarts: bucketStarts(tokens, TOKEN_WORDS, n),
    members,
    memberStarts: bucketStarts(members, MEMBER_WORDS, m + 1),
    tails: c.tails ? permuteTails(c.tails, byToken, n) : null,
  };
}

/** The tails in token order (copied a word at a time: 10 aligned words per token). */
function permuteTails(src: Uint8Array, order: Uint32Array, n: number): Uint8Array {
  const from = new Uint32Array(src.buffer, src.byteOffset, n * TAIL_WORDS);
  const out = new Uint32Array(n * TAIL_WORDS);
  for (let i = 0; i < n; i++) {
    const t = (order[i] as number) * TAIL_WORDS;
    const o = i * TAIL_WORDS;
    for (let k = 0; k < TAIL_WORDS; k++) out[o + k] = from[t + k] as number;
  }
  return new Uint8Array(out.buffer);
}

/** The ordinal of member-id prefix (hi, lo) in a run, or -1 (binary search inside its bucket). */
export function memberOrdinal(run: VersionRun, hi: number, lo: number): number {
  const b = hi >>> 24;
  let a = run.memberStarts[b] as number;
  let z = (run.memberStarts[b + 1] as number) - 1;
  const { members } = run;
  while (a <= z) {
    const mid = (a + z) >>> 1;
    const mh = members[mid * 2] as number;
    const ml = members[mid * 2 + 1] as number;
    if (mh === hi && ml === lo) return mid;
    if (mh < hi || (mh === hi && ml < lo)) a = mid + 1;
    else z = mid - 1;
  }
  return -1;
}

export function runBytes(run: VersionRun): number {
  return run.tokens.byteLength + run.members.byteLength + (run.tails?.byteLength ?? 0);
}
