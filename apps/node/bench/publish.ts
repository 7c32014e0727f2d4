// Publish benchmark: one node publishes N customers (email + phone each, 90% consenting) into a collaboration with
// a real clean room; prints members/s, the phase timings and peak RSS (run with a capped heap to show it is bounded).
// Usage: pnpm --filter @concord/node bench:publish [--customers 100000] [--server postgres://…] [--json]
//        NODE_OPTIONS=--max-old-space-size=256 pnpm --filter @concord/node bench:publish
import { parseArgs } from 'node:util';
import { PURPOSE_CROSS_SELL } from '../test/federation/fixtures.ts';
import { startCleanroomProcess, startTestNode } from '../test/federation/harness.ts';
import { type Person, seedNode } from '../test/federation/seed.ts';

const { values } = parseArgs({
  // `pnpm … bench:publish --json` arrives as `-- --json`.
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: {
    customers: { type: 'string', default: '100000' },
    server: { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/postgres' },
    json: { type: 'boolean', default: false },
  },
});
const n = Number(values.customers);
const log = (...args: unknown[]) => {
  if (!values.json) console.log(...args);
};
process.env.TEST_DATABASE_URL = values.server;

const cleanroom = await startCleanroomProcess('bench_pub');
const bank = await startTestNode(cleanroom, { label: 'bench_pub_bank', name: 'Bank', industry: 'bank' });
const insurer = await startTestNode(cleanroom, {
  label: 'bench_pub_ins',
  name: 'Insurer',
  industry: 'insurance',
});
try {
  log(`seeding ${n} customers…`);
  const chunk = 20_000;
  for (let i = 0; i < n; i += chunk) {
    const people: Person[] = Array.from({ length: Math.min(chunk, n - i) }, (_, k) => {
      const j = i + k;
      return {
        externalId: `I-${j}`,
        emails: [`p${j}@example.com`],
        phones: [`+49151${20_000_000 + j}`],
        consent: j % 10 === 0 ? 'none' : 'given',
      };
    });
    await seedNode(insurer.node, people, { recipientIndustry: 'bank', at: new Date() });
  }
  await seedNode(bank.node, [{ externalId: 'B-1', emails: ['p1@example.com'], consent: 'given' }], {
    recipientIndustry: 'insurance',
    at: new Date(),
  });
  const c = await insurer.as.compliance.collaborations.propose.mutate({
    name: 'bench',
    partnerIds: [bank.partnerId],
    purposes: [PURPOSE_CROSS_SELL],
    policy: { kMin: 5, crossSellLists: true, referralLists: false, epsilonBudget: 5, minSegmentSize: 5 },
    expiresAt: new Date(Date.now() + 86_400_000),
  });
  await bank.as.compliance.collaborations.approve.mutate({ collaborationId: c.id });
  // Every seeded segment has the same rule (country = DE), so any one of them holds all customers.
  const segment = await insurer.node.db.selectFrom('segment').select('id').executeTakeFirstOrThrow();

  const rssBefore = process.memoryUsage().rss;
  let peak = rssBefore;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  const started = performance.now();
  const r = await insurer.as.marketer.publications.publish.mutate({
    collaborationId: c.id,
    segmentId: segment.id,
  });
  const ms = performance.now() - started;
  clearInterval(sampler);
  const result = {
    bench: 'publish',
    customers: n,
    published: r.published,
    tokens: r.tokens,
    excluded: r.excluded,
    ms: Math.round(ms),
    membersPerSecond: Math.round(r.published / (ms / 1000)),
    timings: r.timings,
    rssBeforeMB: Math.round(rssBefore / 1e6),
    rssPeakMB: Math.round(peak / 1e6),
  };
  log(
    `published ${r.published} members / ${r.tokens} tokens of ${n} customers in ${result.ms} ms ` +
      `(${result.membersPerSecond} members/s); phases ${JSON.stringify(r.timings)}; ` +
      `RSS ${result.rssBeforeMB} → peak ${result.rssPeakMB} MB`,
  );
  if (values.json) console.log(JSON.stringify(result));
} finally {
  await bank.stop();
  await insurer.stop();
  await cleanroom.stop();
}
