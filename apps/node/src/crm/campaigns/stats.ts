// Lift of a campaign: difference of conversion rates (treatment − holdout) with Newcombe's hybrid score
// interval (Newcombe 1998, method 10), built from the two groups' Wilson score intervals. It keeps its
// coverage for small groups and rates near 0 or 1, where the Wald interval p ± z·SE collapses or overshoots.

/** z for a two-sided 95% interval. */
export const Z95 = 1.959963984540054;

export interface Interval {
  lower: number;
  upper: number;
}

/** Wilson score interval for x successes out of n (n > 0). */
export function wilson(x: number, n: number, z = Z95): Interval {
  const p = x / n;
  const z2 = z * z;
  const centre = p + z2 / (2 * n);
  const half = z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  const denom = 1 + z2 / n;
  return { lower: Math.max(0, (centre - half) / denom), upper: Math.min(1, (centre + half) / denom) };
}

export interface Lift {
  treatmentRate: number;
  holdoutRate: number;
  /** Absolute lift: treatmentRate − holdoutRate. */
  difference: number;
  /** 95% Newcombe hybrid score interval of the difference. */
  interval: Interval;
  /** difference / holdoutRate; null when the holdout converted nobody. */
  relative: number | null;
}

/** Lift of x1/n1 (treatment) over x2/n2 (holdout); null when either group is empty. */
export function liftWithInterval(x1: number, n1: number, x2: number, n2: number, z = Z95): Lift | null {
  if (n1 <= 0 || n2 <= 0) return null;
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const w1 = wilson(x1, n1, z);
  const w2 = wilson(x2, n2, z);
  const d = p1 - p2;
  const lower = d - Math.sqrt((p1 - w1.lower) ** 2 + (w2.upper - p2) ** 2);
  const upper = d + Math.sqrt((w1.upper - p1) ** 2 + (p2 - w2.lower) ** 2);
  return {
    treatmentRate: p1,
    holdoutRate: p2,
    difference: d,
    interval: { lower, upper },
    relative: p2 > 0 ? d / p2 : null,
  };
}
