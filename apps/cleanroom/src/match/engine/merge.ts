// The engine's match: a merge of two sorted runs, bucket by bucket, marking the requester's member ordinals that
// share a token prefix with the other side (both purpose masks allowing the purpose, neither member withdrawn).
// Runs of equal prefixes on either side (two members holding the same token) are handled whole.
import { BUCKETS, TOKEN_WORDS, type VersionRun } from './run.ts';

/** A run plus its withdrawn members (one byte per ordinal, 1 = withdrawn), or null when nobody withdrew. */
export interface LiveRun {
  run: VersionRun;
  dead: Uint8Array | null;
  /** The withdrawn members' full ids (hex): lists recheck a dead ordinal, which two ids could share by prefix. */
  deadIds: Set<string> | null;
}

/** Marks in `hit` (one byte per own member ordinal) the own members matching `other`; returns how many are new. */
export function markMatches(own: LiveRun, other: LiveRun, bit: number, hit: Uint8Array): number {
  let marked = 0;
  for (let b = 0; b < BUCKETS; b++) marked += mergeBucket(own, other, bit, hit, b);
  return marked;
}

function mergeBucket(own: LiveRun, other: LiveRun, bit: number, hit: Uint8Array, b: number): number {
  const A = own.run.tokens;
  const B = other.run.tokens;
  const aDead = own.dead;
  const bDead = other.dead;
  const W = TOKEN_WORDS;
  let i = own.run.tokenStarts[b] as number;
  const ae = own.run.tokenStarts[b + 1] as number;
  let j = other.run.tokenStarts[b] as number;
  const be = other.run.tokenStarts[b + 1] as number;
  let marked = 0;
  while (i < ae && j < be) {
    const ah = A[i * W] as number;
    const bh = B[j * W] as number;
    if (ah !== bh) {
      if (ah < bh) i++;
      else j++;
      continue;
    }
    const al = A[i * W + 1] as number;
    const bl = B[j * W + 1] as number;
    if (al !== bl) {
      if (al < bl) i++;
      else j++;
      continue;
    }
    let found = false;
    for (; j < be && B[j * W] === ah && B[j * W + 1] === al; j++) {
      if (found || ((B[j * W + 3] as number) & bit) === 0) continue;
      if (bDead === null || bDead[B[j * W + 2] as number] === 0) found = true;
    }
    for (; i < ae && A[i * W] === ah && A[i * W + 1] === al; i++) {
      if (!found || ((A[i * W + 3] as number) & bit) === 0) continue;
      const o = A[i * W + 2] as number;
      if ((aDead === null || aDead[o] === 0) && hit[o] === 0) {
        hit[o] = 1;
        marked++;
      }
    }
  }
  return marked;
}

/** Distinct own members (by member-id prefix) with a token equal to a token of any of `others`. */
export function countMatches(own: LiveRun, others: LiveRun[], bit: number): number {
  const hit = new Uint8Array(own.run.members.length / 2);
  let n = 0;
  for (const o of others) n += markMatches(own, o, bit, hit);
  return n;
}
