// The lift interval (Newcombe hybrid score, built on Wilson intervals) against an independent reference: each
// Wilson bound found numerically by bisection on the score test statistic instead of the closed form, then a
// simulation of its coverage with a seeded generator.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { liftWithInterval, wilson, Z95 } from '../../src/crm/campaigns/stats.ts';

/** The p at which the score statistic (x − n·p)/√(n·p·(1−p)) equals ±z, by bisection: the Wilson bound. */
function scoreBound(x: number, n: number, side: 'lower' | 'upper', z = Z95): number {
  const phat = x / n;
  if (side === 'lower' && x === 0) return 0;
  if (side === 'upper' && x === n) return 1;
  const stat = (p: number) => (n * (phat - p) ** 2) / (p * (1 - p));
  // On the chosen side of phat the statistic grows monotonically away from phat; find where it reaches z².
  let lo = side === 'lower' ? 1e-15 : phat;
  let hi = side === 'lower' ? phat : 1 - 1e-15;
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    const beyond = stat(mid) > z * z;
    if (side === 'lower') {
      if (beyond) lo = mid;
      else hi = mid;
    } else if (beyond) hi = mid;
    else lo = mid;
  }
  return (lo + hi) / 2;
}

/** Reference lift interval: Newcombe (1998) method 10 from the bisection bounds. */
function referenceInterval(x1: number, n1: number, x2: number, n2: number) {
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const l1 = scoreBound(x1, n1, 'lower');
  const u1 = scoreBound(x1, n1, 'upper');
  const l2 = scoreBound(x2, n2, 'lower');
  const u2 = scoreBound(x2, n2, 'upper');
  const d = p1 - p2;
  return {
    d,
    lower: d - Math.hypot(p1 - l1, u2 - p2),
    upper: d + Math.hypot(u1 - p1, p2 - l2),
  };
}

const group = fc
  .integer({ min: 1, max: 5000 })
  .chain((n) => fc.tuple(fc.integer({ min: 0, max: n }), fc.constant(n)));

describe('lift with a 95% interval', () => {
  it('matches the reference computation for any group sizes and conversions', () => {
    fc.assert(
      fc.property(group, group, ([x1, n1], [x2, n2]) => {
        const lift = liftWithInterval(x1, n1, x2, n2);
        const ref = referenceInterval(x1, n1, x2, n2);
        expect(lift).not.toBeNull();
        expect(lift?.difference).toBeCloseTo(ref.d, 12);
        expect(lift?.interval.lower).toBeCloseTo(ref.lower, 7);
        expect(lift?.interval.upper).toBeCloseTo(ref.upper, 7);
        // The interval holds the estimate and stays within the possible range of a difference of rates.
        expect(lift!.interval.lower).toBeLessThanOrEqual(lift!.difference + 1e-12);
        expect(lift!.interval.upper).toBeGreaterThanOrEqual(lift!.difference - 1e-12);
        expect(lift!.interval.lower).toBeGreaterThanOrEqual(-1 - 1e-12);
        expect(lift!.interval.upper).toBeLessThanOrEqual(1 + 1e-12);
      }),
      { numRuns: 500, seed: 15 },
    );
  });

  it('Wilson bounds agree with the bisection reference', () => {
    fc.assert(
      fc.property(group, ([x, n]) => {
        const w = wilson(x, n);
        expect(w.lower).toBeCloseTo(scoreBound(x, n, 'lower'), 7);
        expect(w.upper).toBeCloseTo(scoreBound(x, n, 'upper'), 7);
      }),
      { numRuns: 500, seed: 16 },
    );
  });

  it('covers the true difference about 95% of the time (seeded simulation)', () => {
    let state = 0x9e3779b9;
    const rand = () => {
      // xorshift32: deterministic, independent of the code under test.
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      return (state >>> 0) / 2 ** 32;
    };
    const binomial = (n: number, p: number) => {
      let x = 0;
      for (let i = 0; i < n; i++) if (rand() < p) x++;
      return x;
    };
    const cases = [
      { n1: 400, p1: 0.08, n2: 60, p2: 0.05 },
      { n1: 900, p1: 0.2, n2: 100, p2: 0.12 },
      { n1: 120, p1: 0.02, n2: 30, p2: 0.02 },
    ];
    for (const c of cases) {
      let covered = 0;
      const runs = 1500;
      for (let r = 0; r < runs; r++) {
        const lift = liftWithInterval(binomial(c.n1, c.p1), c.n1, binomial(c.n2, c.p2), c.n2);
        const truth = c.p1 - c.p2;
        if (lift && lift.interval.lower <= truth && truth <= lift.interval.upper) covered++;
      }
      // Newcombe's interval is known to be slightly conservative; a Wald interval falls well below 0.93 here.
      expect(covered / runs).toBeGreaterThan(0.93);
      expect(covered / runs).toBeLessThan(0.995);
    }
  });

  it('has no lift without both groups, and no relative lift when the holdout converted nobody', () => {
    expect(liftWithInterval(3, 10, 0, 0)).toBeNull();
    expect(liftWithInterval(0, 0, 3, 10)).toBeNull();
    expect(liftWithInterval(5, 50, 0, 10)?.relative).toBeNull();
    expect(liftWithInterval(10, 50, 1, 10)?.relative).toBeCloseTo(1, 12);
  });
});
