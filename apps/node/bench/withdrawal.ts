// Withdrawal propagation benchmark: a real clean room and two nodes. The insurer first receives a cross-sell list
// (one insurer person per bank person); then N bank customers withdraw through the consent module. Two delays per
// withdrawal, from its consent transaction at the bank: (1) until the clean room acknowledged the removal (bank
// outbox), (2) until the counterpart left the insurer's stored list (lists.removals pulled by the insurer).
// Usage: pnpm bench:withdrawal [--count 1000] [--rate 100] [--server postgres://…|--pglite] [--json]
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
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
const GOAL_P99_MS = 5000;
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

function percentile(sorted: number[], q: number): number | null {
  if (sorted.length === 0) return null;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return Math.round((sorted[lo] as number) + ((sorted[hi] as number) - (sorted[lo] as number)) * (pos - lo));
}

const population = count + 100;
log(`starting clean room + 2 nodes (${usePostgres ? 'Postgres' : 'PGlite'}), ${population} people each…`);
const fed = await startFederation('bench_wd', {
  bank: people('BNK', population),
  insurer: people('INS', population),
});
try {
  const match = await fed.insurer.as.marketer.matches.request.mutate({
    collaborationId: fed.collaborationId,
    kind: 'cross_sell_list',
    purpose: PURPOSE_CROSS_SELL,
    publicationId: fed.insurerPublicationId,
    partnerPublicationIds: [fed.bankCleanroomPublicationId],
  });
  const audienceId = match.audience?.audienceListId as string;
  log(`insurer stored a cross-sell list of ${match.audience?.resolved} customers`);
  const since = new Date();
  const actor = { id: null, email: 'bench' };
  const started = performance.now();
  for (let i = 0; i < count; i++) {
    if (rate > 0) {
      const wait = started + (i * 1000) / rate - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
    await withdrawConsent(
      { db: fed.bank.node.db, now: () => new Date() },
      {
        customerId: fed.bankIds.get(`BNK-${i}`) as string,
        purposes: [PURPOSE_CROSS_SELL],
        collectionMethod: 'web_form',
        source: 'bench',
        actor,
        via: 'api',
      },
    );
  }
  const issuedMs = performance.now() - started;

  const removedAtInsurer = async () => {
    const r = await sql<{ n: number }>`
      select count(*)::int as n from audience_list_member
      where list_id = ${audienceId}::uuid and removed_at is not null`.execute(fed.insurer.node.db);
    return Number(r.rows[0]?.n ?? 0);
  };
  let stats = await withdrawalStats(fed.bank.node.db, since);
  const deadline = Date.now() + 120_000;
  while (
    (stats.pending > 0 || stats.processed < count || (await removedAtInsurer()) < count) &&
    Date.now() < deadline
  ) {
    await new Promise((r) => setTimeout(r, 50));
    stats = await withdrawalStats(fed.bank.node.db, since);
  }

  // Per person: bank outbox row created in the consent transaction → the insurer's stored list lost the counterpart.
  const bankRows = await fed.bank.node.db
    .selectFrom('withdrawal_outbox as o')
    .innerJoin('customer as c', 'c.id', 'o.customer_id')
    .select(['c.external_id', 'o.created_at', 'o.removed_members'])
    .where('o.created_at', '>=', since)
    .execute();
  const insurerRows = await fed.insurer.node.db
    .selectFrom('audience_list_member as lm')
    .innerJoin('customer as c', 'c.id', 'lm.customer_id')
    .select(['c.external_id', 'lm.removed_at'])
    .where('lm.list_id', '=', audienceId)
    .where('lm.removed_at', 'is not', null)
    .execute();
  const removedAt = new Map(
    insurerRows.map((r) => [r.external_id.replace('INS-', ''), r.removed_at as Date]),
  );
  const toList = bankRows
    .map((r) => {
      const at = removedAt.get(r.external_id.replace('BNK-', ''));
      return at ? at.getTime() - r.created_at.getTime() : null;
    })
    .filter((v): v is number => v !== null)
    .sort((a, b) => a - b);
  const listP99 = percentile(toList, 0.99);
  const removedCleanroom = bankRows.reduce((n, r) => n + Number(r.removed_members ?? 0), 0);
  const result = {
    bench: 'withdrawal',
    database: usePostgres ? 'postgres' : 'pglite',
    withdrawals: count,
    ratePerSecond: rate,
    issuedInMs: Math.round(issuedMs),
    processed: stats.processed,
    removedAtCleanroom: removedCleanroom,
    cleanroom: { p50Ms: stats.p50Ms, p99Ms: stats.p99Ms, maxMs: stats.maxMs },
    removedFromPartnerList: toList.length,
    partnerList: {
      p50Ms: percentile(toList, 0.5),
      p99Ms: listP99,
      maxMs: toList.length ? (toList[toList.length - 1] as number) : null,
    },
    goalP99Ms: GOAL_P99_MS,
    ok:
      stats.processed === count &&
      toList.length === count &&
      (stats.p99Ms ?? Number.POSITIVE_INFINITY) < GOAL_P99_MS &&
      (listP99 ?? Number.POSITIVE_INFINITY) < GOAL_P99_MS,
  };
  log(
    `withdrawals: ${count} at the bank at ${rate > 0 ? `${rate}/s` : 'full speed'} (issued in ${result.issuedInMs} ms); ` +
      `propagated ${stats.processed}, removed at clean room ${removedCleanroom}, from the insurer's list ${toList.length}`,
  );
  log(
    `to the clean room:        p50 ${stats.p50Ms} ms, p99 ${stats.p99Ms} ms, max ${stats.maxMs} ms (goal p99 < ${GOAL_P99_MS} ms)`,
  );
  log(
    `to the insurer's list:    p50 ${result.partnerList.p50Ms} ms, p99 ${listP99} ms, max ${result.partnerList.maxMs} ms (goal p99 < ${GOAL_P99_MS} ms)`,
  );
  if (values.json) console.log(JSON.stringify(result));
  if (!result.ok) process.exitCode = 1;
} finally {
  await fed.stop();
}
