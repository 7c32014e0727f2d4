// The engine's list rows (two-level counting sort) against a plain reference on the same pairs: every distinct
// (receiver, counterpart member, counterpart) once, grouped by receiver in member-id-prefix order, receivers
// sharing an 8-byte prefix kept apart, and the distinct receivers in row order.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { syntheticRun as run } from '../bench/synthetic-runs.ts';
import { LINK_SIZE, listRows } from '../src/match/engine/list-rows.ts';
import type { LiveRun } from '../src/match/engine/merge.ts';
import { exactPairs } from '../src/match/engine/pairs.ts';

/** n ids, every fifth sharing its first 8 bytes with the one before. */
function ids(n: number): Buffer {
  const b = randomBytes(n * 16);
  for (let m = 5; m < n; m += 5) b.copy(b, m * 16, (m - 1) * 16, (m - 1) * 16 + 8);
  return b;
}

describe('list rows', () => {
  it('match the plain reference over many ordinals, shared prefixes and two counterparts', () => {
    const n = 20_000;
    const tokens = randomBytes(n * 3 * 32);
    // Receiver member m holds tokens 3m, 3m+1, 3m+2; counterparts hold some of them under their own members.
    const own = run(ids(n), n, tokens, (m) => [3 * m, 3 * m + 1, 3 * m + 2]);
    const a = run(ids(n), n, tokens, (m) => (m % 3 === 0 ? [] : [3 * m, 3 * m + 1]));
    const b = run(ids(n), n, tokens, (m) => (m % 4 === 0 ? [3 * ((m + 7) % n) + 2] : [3 * m + 2]));
    const others = [a, b];
    const rows = listRows(
      own,
      others,
      others.map((o) => exactPairs(own, o, 1)),
    );
    const hex = (buf: Buffer, i: number, size: number) =>
      buf.subarray(i * size, (i + 1) * size).toString('hex');
    const got = Array.from({ length: rows.linkCount }, (_, i) => hex(rows.links, i, LINK_SIZE));
    expect(new Set(got).size).toBe(got.length);
    const expected = new Set<string>();
    others.forEach((o, c) => {
      const p = exactPairs(own, o, 1);
      const tail = (r: LiveRun, i: number) =>
        Buffer.from((r.run.tails as Uint8Array).buffer, i * 40 + 24, 16);
      for (let k = 0; k < p.n; k++) {
        const row = Buffer.alloc(LINK_SIZE);
        tail(own, p.own[k] as number).copy(row, 0);
        tail(o, p.other[k] as number).copy(row, 16);
        row.writeUInt32LE(c, 32);
        expected.add(row.toString('hex'));
      }
    });
    expect(new Set(got)).toEqual(expected);
    // Grouped by receiver, prefixes ascending; the members are the receivers in row order, each once.
    const receivers = got.map((r) => r.slice(0, 32)).filter((r, i, all) => i === 0 || all[i - 1] !== r);
    expect(new Set(receivers).size).toBe(receivers.length);
    const prefixes = receivers.map((r) => r.slice(0, 16));
    expect(prefixes).toEqual([...prefixes].sort());
    const members = Array.from({ length: rows.memberCount }, (_, i) => hex(rows.members, i, 16));
    expect(members).toEqual(receivers);
    expect(rows.memberCount).toBeGreaterThan(n / 2);
  });
});
