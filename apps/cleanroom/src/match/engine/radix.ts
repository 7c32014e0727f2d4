// Ordering of 64-bit keys held as (hi, lo) uint32 pairs without BigInt: an LSD radix sort on `hi` (3 passes of
// 11 bits, keys carried with the index so every pass reads sequentially), then an insertion fix-up by `lo` inside
// runs of equal `hi` (rare for uniform HMAC prefixes: ~n²/2³³ pairs). Native BigUint64Array.sort measured ~10×
// slower on this machine (200 ns per element).

const BITS = 11;
const RADIX = 1 << BITS;
const MASK = RADIX - 1;

/** The permutation that orders `(hi[i], lo[i])` ascending as unsigned 64-bit numbers. */
export function orderByKey(hi: Uint32Array, lo: Uint32Array, n: number): Uint32Array {
  return sortByKey(hi, lo, n).order;
}

/** The ordering permutation plus the `hi` words already in that order (saves a random read per element). */
export function sortByKey(
  hi: Uint32Array,
  lo: Uint32Array,
  n: number,
): { order: Uint32Array; hi: Uint32Array } {
  let idx = new Uint32Array(n);
  let keys = hi.slice(0, n);
  let idx2 = new Uint32Array(n);
  let keys2 = new Uint32Array(n);
  for (let i = 0; i < n; i++) idx[i] = i;
  const count = new Uint32Array(RADIX);
  for (let shift = 0; shift < 32; shift += BITS) {
    count.fill(0);
    for (let i = 0; i < n; i++) {
      const d = ((keys[i] as number) >>> shift) & MASK;
      count[d] = (count[d] as number) + 1;
    }
    let sum = 0;
    for (let d = 0; d < RADIX; d++) {
      const c = count[d] as number;
      count[d] = sum;
      sum += c;
    }
    for (let i = 0; i < n; i++) {
      const k = keys[i] as number;
      const d = (k >>> shift) & MASK;
      const at = count[d] as number;
      count[d] = at + 1;
      keys2[at] = k;
      idx2[at] = idx[i] as number;
    }
    [idx, idx2] = [idx2, idx];
    [keys, keys2] = [keys2, keys];
  }
  fixEqualHi(idx, keys, lo, n);
  return { order: idx, hi: keys };
}

/** Insertion sort by `lo` inside each run of equal `hi` (runs are tiny). */
function fixEqualHi(idx: Uint32Array, sortedHi: Uint32Array, lo: Uint32Array, n: number): void {
  let start = 0;
  for (let i = 1; i <= n; i++) {
    if (i < n && sortedHi[i] === sortedHi[start]) continue;
    for (let a = start + 1; a < i; a++) {
      const v = idx[a] as number;
      const key = lo[v] as number;
      let b = a - 1;
      while (b >= start && (lo[idx[b] as number] as number) > key) {
        idx[b + 1] = idx[b] as number;
        b--;
      }
      idx[b + 1] = v;
    }
    start = i;
  }
}
