// Deterministic random holdout: members are ranked by SHA-256(seed ‖ customer id); the first ⌊n·pct/100⌉ are
// held out. The same seed and audience always give the same split, and the seed is stored with the campaign.
import { createHash } from 'node:crypto';

export function holdoutSize(n: number, pct: number): number {
  return Math.round((n * pct) / 100);
}

function rank(seed: string, customerId: string): string {
  return createHash('sha256').update(seed).update('\n').update(customerId).digest('hex');
}

/** Splits `customerIds` into treatment and holdout; order-independent (the input order never matters). */
export function splitHoldout(
  customerIds: readonly string[],
  pct: number,
  seed: string,
): { treatment: string[]; holdout: string[] } {
  const ranked = [...new Set(customerIds)]
    .map((id) => ({ id, r: rank(seed, id) }))
    .sort((a, b) => (a.r < b.r ? -1 : a.r > b.r ? 1 : 0));
  const k = holdoutSize(ranked.length, pct);
  return { holdout: ranked.slice(0, k).map((x) => x.id), treatment: ranked.slice(k).map((x) => x.id) };
}
