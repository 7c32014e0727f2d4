// Differential privacy for insight counts: Laplace noise from a PRNG seeded by the query and the data versions,
// so a repeated query gets the same noise (it cannot be averaged away) and new data gets fresh noise.
import { createHash } from 'node:crypto';

/** Uniform doubles in (0, 1) from SHA-256(seed ‖ counter): deterministic, portable, 52 bits each. */
export function seededUniforms(seed: Uint8Array): () => number {
  let counter = 0;
  let block = Buffer.alloc(0);
  let at = 0;
  return () => {
    if (at + 8 > block.length) {
      const c = Buffer.alloc(4);
      c.writeUInt32BE(counter++);
      block = createHash('sha256').update(seed).update(c).digest();
      at = 0;
    }
    const hi = block.readUInt32BE(at) >>> 12; // 20 bits
    const lo = block.readUInt32BE(at + 4); // 32 bits
    at += 8;
    // (hi·2^32 + lo + 0.5) / 2^52 is never exactly 0 or 1.
    return (hi * 2 ** 32 + lo + 0.5) / 2 ** 52;
  };
}

/** One Laplace(0, scale) sample by inverse CDF. */
export function laplace(uniform: () => number, scale: number): number {
  const u = uniform() - 0.5;
  return -scale * Math.sign(u) * Math.log(1 - 2 * Math.abs(u));
}

/**
 * Noisy count: true count plus Laplace(sensitivity/epsilon), rounded and clamped at 0. Each cell of one query
 * draws from the same seeded stream in order.
 */
export function noisyCounts(
  trueCounts: number[],
  epsilon: number,
  seed: Uint8Array,
): { counts: number[]; scale: number } {
  // One person changes each cell by at most 1, so the L1 sensitivity of the whole vector is its length.
  const scale = trueCounts.length / epsilon;
  const uniform = seededUniforms(seed);
  return { counts: trueCounts.map((c) => Math.max(0, Math.round(c + laplace(uniform, scale)))), scale };
}
