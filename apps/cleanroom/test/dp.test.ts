// Seeded Laplace noise: the same seed gives the same draws, different seeds differ, and the draws have the
// Laplace shape (mean ≈ 0, mean |x| ≈ scale) — checked on fixed seeds, so the test is deterministic.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { laplace, noisyCounts, seededUniforms } from '../src/match/dp.ts';

const seed = (s: string) => new Uint8Array(createHash('sha256').update(s).digest());

describe('seeded noise', () => {
  it('repeats exactly for the same seed and differs for another', () => {
    const x = noisyCounts([100, 50, 3], 0.5, seed('q1|v1'));
    expect(noisyCounts([100, 50, 3], 0.5, seed('q1|v1'))).toEqual(x);
    expect(noisyCounts([100, 50, 3], 0.5, seed('q1|v2')).counts).not.toEqual(x.counts);
    expect(x.scale).toBe(6);
  });

  it('draws uniforms strictly inside (0, 1)', () => {
    const u = seededUniforms(seed('u'));
    for (let i = 0; i < 10_000; i++) {
      const v = u();
      expect(v > 0 && v < 1).toBe(true);
    }
  });

  it('has the Laplace moments', () => {
    const u = seededUniforms(seed('moments'));
    const n = 50_000;
    let sum = 0;
    let abs = 0;
    for (let i = 0; i < n; i++) {
      const x = laplace(u, 4);
      sum += x;
      abs += Math.abs(x);
    }
    expect(Math.abs(sum / n)).toBeLessThan(0.1);
    expect(abs / n).toBeGreaterThan(3.9);
    expect(abs / n).toBeLessThan(4.1);
  });

  it('never returns a negative count', () => {
    const { counts } = noisyCounts(Array(200).fill(0), 0.1, seed('zeros'));
    expect(Math.min(...counts)).toBe(0);
    expect(counts.some((c) => c > 0)).toBe(true);
  });
});
