// Engine runs from made-up tokens (bench:list-rows, test/list-rows.test.ts): no database, no ingest.
import type { LiveRun } from '../src/match/engine/merge.ts';
import { buildRun, emptyColumns, TAIL_WORDS } from '../src/match/engine/run.ts';

/**
 * A run whose member m (id at `ids[16m]`) holds the tokens `tokensOf(m)` (indices into `tokens`, 32 B each),
 * with tails and every purpose bit 1, nobody withdrawn.
 */
export function syntheticRun(
  ids: Buffer,
  members: number,
  tokens: Buffer,
  tokensOf: (m: number) => number[],
): LiveRun {
  let count = 0;
  for (let m = 0; m < members; m++) count += tokensOf(m).length;
  const c = emptyColumns(count, true);
  const tails = Buffer.from((c.tails as Uint8Array).buffer);
  let i = 0;
  for (let m = 0; m < members; m++) {
    for (const t of tokensOf(m)) {
      c.tkHi[i] = tokens.readUInt32BE(t * 32);
      c.tkLo[i] = tokens.readUInt32BE(t * 32 + 4);
      c.mkHi[i] = ids.readUInt32BE(m * 16);
      c.mkLo[i] = ids.readUInt32BE(m * 16 + 4);
      c.mask[i] = 1;
      tokens.copy(tails, i * TAIL_WORDS * 4, t * 32 + 8, t * 32 + 32);
      ids.copy(tails, i * TAIL_WORDS * 4 + 24, m * 16, m * 16 + 16);
      i++;
    }
  }
  c.n = count;
  return { run: buildRun(c), dead: null, deadIds: null };
}
