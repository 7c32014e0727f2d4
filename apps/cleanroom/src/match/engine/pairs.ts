// Exact list pairs from two runs: the merge of merge.ts, but every candidate sharing a 64-bit token prefix is
// verified on the token's last 24 bytes (the run's tails), and a withdrawn ordinal is rechecked by full member id,
// so a list never holds a member matched only by a prefix collision nor loses one to another's withdrawal.
import type { LiveRun } from './merge.ts';
import { BUCKETS, TAIL_WORDS, TOKEN_WORDS } from './run.ts';

/** Matched token pairs (indices into the own and the other run's tokens), growable. */
export interface Pairs {
  own: Uint32Array;
  other: Uint32Array;
  n: number;
}

function push(p: Pairs, i: number, j: number): void {
  if (p.n === p.own.length) {
    const own = new Uint32Array(p.own.length * 2);
    const other = new Uint32Array(p.own.length * 2);
    own.set(p.own);
    other.set(p.other);
    p.own = own;
    p.other = other;
  }
  p.own[p.n] = i;
  p.other[p.n] = j;
  p.n++;
}

/** The full member id of token i, as hex (only for the rare tombstone recheck). */
export function memberHex(r: LiveRun, i: number): string {
  const t = r.run.tails as Uint8Array;
  return Buffer.from(t.buffer, t.byteOffset + i * TAIL_WORDS * 4 + 24, 16).toString('hex');
}

/** Token i is usable for `bit`: its mask allows it and its member has not withdrawn. */
function usable(r: LiveRun, i: number, bit: number): boolean {
  const w = r.run.tokens;
  if (((w[i * TOKEN_WORDS + 3] as number) & bit) === 0) return false;
  if (r.dead === null || r.dead[w[i * TOKEN_WORDS + 2] as number] === 0) return true;
  return !r.deadIds?.has(memberHex(r, i));
}

/** The tokens' last 24 bytes are equal (6 words of their tails). */
function sameTail(a: Uint32Array, i: number, b: Uint32Array, j: number): boolean {
  const x = i * TAIL_WORDS;
  const y = j * TAIL_WORDS;
  for (let k = 0; k < 6; k++) if (a[x + k] !== b[y + k]) return false;
  return true;
}

/** One merge: both sides, the purpose bit, the tails as words, and where pairs go. */
interface Merge {
  own: LiveRun;
  other: LiveRun;
  bit: number;
  at: Uint32Array;
  bt: Uint32Array;
  out: Pairs;
}

function words(r: LiveRun): Uint32Array {
  const t = r.run.tails as Uint8Array;
  return new Uint32Array(t.buffer, t.byteOffset, t.byteLength / 4);
}

/** All pairs inside two groups of equal prefix (own i0..i1, other j0..j1): usually one token each. */
function pairGroup(m: Merge, i0: number, i1: number, j0: number, j1: number): void {
  for (let j = j0; j < j1; j++) {
    if (!usable(m.other, j, m.bit)) continue;
    for (let i = i0; i < i1; i++) {
      if (usable(m.own, i, m.bit) && sameTail(m.at, i, m.bt, j)) push(m.out, i, j);
    }
  }
}

/** End of the run of tokens equal in prefix to token `from`. */
function groupEnd(w: Uint32Array, from: number, end: number): number {
  const hi = w[from * TOKEN_WORDS];
  const lo = w[from * TOKEN_WORDS + 1];
  let k = from + 1;
  while (k < end && w[k * TOKEN_WORDS] === hi && w[k * TOKEN_WORDS + 1] === lo) k++;
  return k;
}

function pairBucket(m: Merge, b: number): void {
  const { own, other } = m;
  const A = own.run.tokens;
  const B = other.run.tokens;
  const W = TOKEN_WORDS;
  let i = own.run.tokenStarts[b] as number;
  const ae = own.run.tokenStarts[b + 1] as number;
  let j = other.run.tokenStarts[b] as number;
  const be = other.run.tokenStarts[b + 1] as number;
  while (i < ae && j < be) {
    const ah = A[i * W] as number;
    const bh = B[j * W] as number;
    const al = A[i * W + 1] as number;
    const bl = B[j * W + 1] as number;
    if (ah !== bh || al !== bl) {
      if (ah < bh || (ah === bh && al < bl)) i++;
      else j++;
      continue;
    }
    const i1 = groupEnd(A, i, ae);
    const j1 = groupEnd(B, j, be);
    pairGroup(m, i, i1, j, j1);
    i = i1;
    j = j1;
  }
}

/** Every (own token, other token) pair equal on the full 32-byte token, both usable for `bit`. */
export function exactPairs(own: LiveRun, other: LiveRun, bit: number): Pairs {
  const out: Pairs = { own: new Uint32Array(1024), other: new Uint32Array(1024), n: 0 };
  const m: Merge = { own, other, bit, at: words(own), bt: words(other), out };
  for (let b = 0; b < BUCKETS; b++) pairBucket(m, b);
  return out;
}
