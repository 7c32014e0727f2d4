// `pnpm bench:list-rows [--sizes 5000000] [--runs 3] [--json]`: the engine's list build alone, no database — two
// synthetic runs of N members each (email + phone, every member of the receiver matching one counterpart member
// on both, as `bench:match --overlap 1`), then the exact pairs (pairs.ts), the list rows (list-rows.ts) and the
// blocks the store writes (lists/blocks.ts), each timed.
import { randomBytes } from 'node:crypto';
import { loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { linkBlocks, memberBlocks, sortedMembers } from '../src/lists/blocks.ts';
import { listRows } from '../src/match/engine/list-rows.ts';
import type { LiveRun } from '../src/match/engine/merge.ts';
import { exactPairs } from '../src/match/engine/pairs.ts';
import { median, secs } from './size.ts';
import { syntheticRun } from './synthetic-runs.ts';

const args = process.argv.slice(2).filter((a) => a !== '--'); // `pnpm bench:list-rows -- …` forwards a literal `--`
const { values } = parseArgs({
  args,
  options: {
    sizes: { type: 'string', default: '5000000' },
    runs: { type: 'string', default: '3' },
    json: { type: 'boolean', default: false },
  },
});
const load = () => (loadavg()[0] ?? 0).toFixed(1);
const TOKENS_PER_MEMBER = 2;

/** Wall and CPU milliseconds (the machine is shared: CPU time is the steadier figure). */
function timed<T>(f: () => T): [T, number, number] {
  const t = performance.now();
  const c = process.cpuUsage();
  const out = f();
  const used = process.cpuUsage(c);
  return [out, performance.now() - t, (used.user + used.system) / 1000];
}

/** One list build: pairs, rows, then the member and link blocks. */
function buildOnce(own: LiveRun, other: LiveRun) {
  const [pairs, pairsMs, pairsCpu] = timed(() => exactPairs(own, other, 1));
  const [rows, rowsMs, rowsCpu] = timed(() => listRows(own, [other], [pairs]));
  const [, membersMs, membersCpu] = timed(() => memberBlocks(sortedMembers(rows.members, rows.memberCount)));
  const [, linksMs, linksCpu] = timed(() => linkBlocks(rows));
  const cpuMs = pairsCpu + rowsCpu + membersCpu + linksCpu;
  return {
    pairsMs,
    rowsMs,
    membersMs,
    linksMs,
    cpuMs,
    rowsCpu,
    linksCpu,
    members: rows.memberCount,
    links: rows.linkCount,
  };
}

const results: Record<string, unknown>[] = [];
for (const n of values.sizes.split(',').map((s) => Number(s.replace(/_/g, '')))) {
  const tokens = randomBytes(n * TOKENS_PER_MEMBER * 32);
  const both = (m: number) => [2 * m, 2 * m + 1];
  const own = syntheticRun(randomBytes(n * 16), n, tokens, both);
  const other = syntheticRun(randomBytes(n * 16), n, tokens, both);
  const rounds = Array.from({ length: Number(values.runs) }, () => {
    const r = buildOnce(own, other);
    const total = r.pairsMs + r.rowsMs + r.membersMs + r.linksMs;
    console.log(
      `${n.toLocaleString('en-US')} members: pairs ${secs([r.pairsMs])} s, rows ${secs([r.rowsMs])} s ` +
        `(CPU ${secs([r.rowsCpu])} s), member blocks ${secs([r.membersMs])} s, ` +
        `link blocks ${secs([r.linksMs])} s (CPU ${secs([r.linksCpu])} s), total ${secs([total])} s, CPU ${secs([r.cpuMs])} s ` +
        `(${r.members} members, ${r.links} links, load ${load()})`,
    );
    return { ...r, total };
  });
  const med = (k: 'pairsMs' | 'rowsMs' | 'membersMs' | 'linksMs' | 'cpuMs' | 'total') =>
    median(rounds.map((r) => r[k]));
  results.push({
    members: n,
    pairsMs: med('pairsMs'),
    rowsMs: med('rowsMs'),
    memberBlocksMs: med('membersMs'),
    linkBlocksMs: med('linksMs'),
    totalMs: med('total'),
    cpuMs: med('cpuMs'),
    load: Number(load()),
  });
}
if (values.json) console.log(JSON.stringify({ bench: 'list-rows', results }));
