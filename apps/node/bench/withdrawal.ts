// Withdrawal propagation benchmark: a real clean room and two nodes, N consent withdrawals through the consent
// module, and the delay until each removal is acknowledged by the clean room (p50/p99/max from the outbox).
// Usage: pnpm bench:withdrawal [--count 1000] [--rate 100] [--server postgres://…|--pglite] [--json]
import { parseArgs } from 'node:util';
import { withdrawalStats } from '../src/collab/withdrawal-sender.ts';
import { withdrawConsent } from '../src/consent/record.ts';
import { PURPOSE_CROSS_SELL } from '../test/federation/fixtures.ts';
import { startFederation } from '../test/federation/scenario.ts';
import type { Person } from '../test/federation/seed.ts';

const { values } = parseArgs({
  // `pnpm bench:withdrawal --json` arrives as `-- --json`.
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: {
    count: { type: 'string', default: '1000' },
    /** Withdrawals per second (0 = as fast as the consent module takes them). */
    rate: { type: 'string', default: '100' },
    /** Postgres server for the node and clean-room databases (a throwaway database each). */
    server: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
    /** Embedded PGlite instead of Postgres. */
    pglite: { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
  },
});
const count = Number(values.count);
const rate = Number(values.rate);
const log = (...args: unknown[]) => {
  if (!values.json) console.log(...args);
};
const usePostgres = !values.pglite;
if (usePostgres) process.env.TEST_DATABASE_URL = values.server;
else delete process.env.TEST_DATABASE_URL;

const email = (i: number) => `bench${i}@example.com`;
const people = (prefix: string, n: number): Person[] =>
  Array.from({ length: n }, (_, i) => ({
    externalId: `${prefix}-${i}`,
    emails: [email(i)],
    consent: 'given',
  }));

const population = count + 100;
log(`starting clean room + 2 nodes (${usePostgres ? 'Postgres' : 'PGlite'}), ${population} people each…`);
const fed = await startFederation('bench_wd', {
  bank: people('BNK', population),
  insurer: people('INS', population),
});
try {
  const published = await fed.insurer.as.marketer.publications.list.query({});
  log(`published: insurer ${published[0]?.members} members`);
  const since = new Date();
  const actor = { id: null, email: 'bench' };
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    if (rate > 0) {
      const due = started + (i * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
    const customerId = fed.insurerIds.get(`INS-${i}`) as string;
    await withdrawConsent(
      fed.insurer.node.db,
      { customerId, purposes: [PURPOSE_CROSS_SELL], collectionMethod: 'web_form', source: 'bench' },
      { actor, via: 'api', now: new Date() },
    );
  }
  const issuedMs = performance.now() - started;
  let stats = await withdrawalStats(fed.insurer.node.db, since);
  const deadline = Date.now() + 120_000;
  while ((stats.pending > 0 || stats.processed < count) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 50));
    stats = await withdrawalStats(fed.insurer.node.db, since);
  }
  const removed = await fed.insurer.node.db
    .selectFrom('withdrawal_outbox')
    .select((eb) => eb.fn.sum<number>('removed_members').as('n'))
    .where('created_at', '>=', since)
    .executeTakeFirstOrThrow();
  const result = {
    bench: 'withdrawal',
    database: usePostgres ? 'postgres' : 'pglite',
    withdrawals: count,
    ratePerSecond: rate,
    issuedInMs: Math.round(issuedMs),
    processed: stats.processed,
    removedAtCleanroom: Number(removed.n ?? 0),
    p50Ms: stats.p50Ms,
    p99Ms: stats.p99Ms,
    maxMs: stats.maxMs,
    goalP99Ms: 5000,
    ok: stats.processed === count && (stats.p99Ms ?? Number.POSITIVE_INFINITY) < 5000,
  };
  log(
    `withdrawals: ${count} at ${rate > 0 ? `${rate}/s` : 'full speed'} (issued in ${result.issuedInMs} ms); ` +
      `propagated ${stats.processed}, removed at clean room ${result.removedAtCleanroom}`,
  );
  log(
    `propagation delay: p50 ${stats.p50Ms} ms, p99 ${stats.p99Ms} ms, max ${stats.maxMs} ms (goal p99 < 5000 ms)`,
  );
  if (values.json) console.log(JSON.stringify(result));
  if (!result.ok) process.exitCode = 1;
} finally {
  await fed.stop();
}
