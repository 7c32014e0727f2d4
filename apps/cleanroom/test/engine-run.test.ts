// The engine's pure parts: the radix ordering of 64-bit (hi, lo) keys, including runs of equal `hi`, and the
// merge count against a brute-force count over the same generated columns.
import { describe, expect, it } from 'vitest';
import { countMatches } from '../src/match/engine/merge.ts';
import { orderByKey } from '../src/match/engine/radix.ts';
import { buildRun, emptyColumns, memberOrdinal, type TokenColumns } from '../src/match/engine/run.ts';

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x9e3779b9) >>> 0;
    return s;
  };
}

/** Tokens drawn from a small pool (so both sides share some, and some hi words repeat with other lo words). */
function columns(n: number, seed: number, pool: number): TokenColumns {
  const r = rng(seed);
  const c = emptyColumns(n);
  for (let i = 0; i < n; i++) {
    const t = r() % pool;
    c.tkHi[i] = (Math.imul(t >>> 1, 0x9e3779b1) >>> 0) | 0x80000000;
    c.tkLo[i] = Math.imul(t, 0x85ebca6b) >>> 0;
    const m = r() % (n / 2);
    c.mkHi[i] = Math.imul(m >>> 2, 0xc2b2ae35) >>> 0;
    c.mkLo[i] = m;
    c.mask[i] = (r() % 7) + 1;
    c.n++;
  }
  return c;
}

const key = (hi: number, lo: number) => (BigInt(hi) << 32n) | BigInt(lo);

describe('engine runs', () => {
  it('orders 64-bit keys, runs of equal hi words included', () => {
    const c = columns(5000, 1, 3000);
    const order = orderByKey(c.tkHi, c.tkLo, c.n);
    const keys = Array.from(order, (i) => key(c.tkHi[i] as number, c.tkLo[i] as number));
    expect(keys).toEqual([...keys].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0)));
    expect(new Set(order).size).toBe(c.n);
  });

  it('counts the members the brute force counts, per purpose bit', () => {
    const own = columns(4000, 2, 5000);
    const other = columns(3000, 3, 5000);
    const runA = buildRun(own);
    const runB = buildRun(other);
    for (const bit of [1, 2, 4]) {
      const present = new Set<bigint>();
      for (let j = 0; j < other.n; j++)
        if (((other.mask[j] as number) & bit) !== 0)
          present.add(key(other.tkHi[j] as number, other.tkLo[j] as number));
      const members = new Set<bigint>();
      for (let i = 0; i < own.n; i++) {
        if (((own.mask[i] as number) & bit) === 0) continue;
        if (present.has(key(own.tkHi[i] as number, own.tkLo[i] as number)))
          members.add(key(own.mkHi[i] as number, own.mkLo[i] as number));
      }
      expect(
        countMatches(
          { run: runA, dead: null, deadIds: null },
          [{ run: runB, dead: null, deadIds: null }],
          bit,
        ),
      ).toBe(members.size);
    }
  });

  it('finds every member ordinal by its id prefix', () => {
    const c = columns(2000, 4, 2000);
    const run = buildRun(c);
    for (let i = 0; i < c.n; i++) {
      const o = memberOrdinal(run, c.mkHi[i] as number, c.mkLo[i] as number);
      expect([run.members[o * 2], run.members[o * 2 + 1]]).toEqual([c.mkHi[i], c.mkLo[i]]);
    }
    expect(memberOrdinal(run, 0xffffffff, 0xffffffff)).toBe(-1);
  });
});
