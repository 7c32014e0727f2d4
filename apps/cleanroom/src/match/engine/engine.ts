// The match engine's entry points: build a version's run at commit, count matches from runs at query time.
// Versions committed before the engine existed have no run; callers then use the SQL path (match.ts).
import type { Transaction } from 'kysely';
import type pg from 'pg';
import type { Database } from '../../db/database.ts';
import { readTokenColumns } from './columns.ts';
import { type ListRows, listRows } from './list-rows.ts';
import { countMatches, type LiveRun } from './merge.ts';
import { exactPairs } from './pairs.ts';
import { forgetParts } from './part-cache.ts';
import { buildRun } from './run.ts';
import { liveRun, loadRun, loadRunWithTails, saveRun } from './store.ts';

/**
 * Sorts the version's tokens into its run and stores it in the commit transaction; `expected` is what the commit
 * checked the stored batches against. The cached keys go: a commit that then fails re-reads `engine_parts`.
 */
export async function buildVersionRun(
  trx: Transaction<Database>,
  pool: pg.Pool | undefined,
  versionId: string,
  expected: { records: number; batches: number },
): Promise<void> {
  const cols = await readTokenColumns(trx, pool, versionId, expected);
  forgetParts(versionId);
  await saveRun(trx, versionId, buildRun(cols));
  await trx.deleteFrom('engine_parts').where('version_id', '=', versionId).execute();
}

async function live(trx: Transaction<Database>, versionId: string, pool?: pg.Pool): Promise<LiveRun | null> {
  const run = await loadRun(trx, versionId, pool);
  return run ? liveRun(trx, versionId, run) : null;
}

/**
 * Distinct members of `ownVersion` having a token (by 64-bit prefix, as the SQL insight path) equal to a token of
 * any of `otherVersions`, both purpose masks allowing `bit`, withdrawn members excluded on both sides. Null when a
 * version has no run.
 */
export async function engineCount(
  trx: Transaction<Database>,
  ownVersion: string,
  otherVersions: string[],
  bit: number,
  pool?: pg.Pool,
): Promise<number | null> {
  const own = await live(trx, ownVersion, pool);
  if (!own) return null;
  const others: LiveRun[] = [];
  for (const v of otherVersions) {
    const o = await live(trx, v, pool);
    if (!o) return null;
    others.push(o);
  }
  return countMatches(own, others, bit);
}

/**
 * An exact list's rows from the runs (pairs.ts, list-rows.ts): the receiver's members with a token equal on all
 * 32 bytes to a counterpart's, both masks allowing `bit`, withdrawn members excluded. Null when a version has no
 * run with tails (built before lists used the engine) or there are more counterparts than a link row can index.
 */
export async function engineListRows(
  trx: Transaction<Database>,
  ownVersion: string,
  otherVersions: string[],
  bit: number,
  pool?: pg.Pool,
): Promise<ListRows | null> {
  if (otherVersions.length > 255) return null;
  const runs: LiveRun[] = [];
  for (const v of [ownVersion, ...otherVersions]) {
    const run = await loadRunWithTails(trx, v, pool);
    if (!run) return null;
    runs.push(await liveRun(trx, v, run));
  }
  const [own, ...others] = runs as [LiveRun, ...LiveRun[]];
  return listRows(
    own,
    others,
    others.map((o) => exactPairs(own, o, bit)),
  );
}
