// `pnpm bench:identity [--json]`: bulk tokenize throughput vs a bare HMAC loop, and match quality.
import { spawnSync } from 'node:child_process';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { type QualityReport, runQuality } from './quality.ts';

const { values: args } = parseArgs({
  // pnpm may pass a literal "--" through; it carries no option.
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: {
    json: { type: 'boolean', default: false },
    records: { type: 'string', default: '1000000' },
    rounds: { type: 'string', default: '3' },
    people: { type: 'string', default: '100000' },
    workers: { type: 'string', default: String(availableParallelism()) },
  },
});
const records = Number(args.records);
const rounds = Number(args.rounds);
const workers = Number(args.workers);
const log = (line: string) => process.stderr.write(`${line}\n`);
// Shared machines are noisy: record how busy this one was when the run started.
const loadAtStart = loadavg()[0] ?? 0;

interface Run {
  readonly kind: 'ours' | 'bare';
  readonly records: number;
  readonly valid: number;
  readonly seconds: number;
  readonly recordsPerSecond: number;
  readonly rssBeforeMB: number;
  readonly peakRssMB: number;
}

/** Each measurement runs in a fresh process so its peak RSS is its own. */
function measure(kind: 'ours' | 'bare'): Run {
  const script = fileURLToPath(new URL('./throughput-run.ts', import.meta.url));
  const child = spawnSync(
    process.execPath,
    ['--import', 'tsx', script, '--kind', kind, '--records', String(records), '--workers', String(workers)],
    { cwd: fileURLToPath(new URL('..', import.meta.url)), encoding: 'utf8', maxBuffer: 1 << 20 },
  );
  if (child.status !== 0) throw new Error(`${kind} run failed:\n${child.stderr}`);
  const line = child.stdout.trim().split('\n').pop() as string;
  return JSON.parse(line) as Run;
}

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((x, y) => x - y);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

const ours: Run[] = [];
const bare: Run[] = [];
for (let round = 1; round <= rounds; round++) {
  // Alternate the order so a noisy neighbour does not always hit the same side.
  for (const kind of round % 2 === 1 ? (['ours', 'bare'] as const) : (['bare', 'ours'] as const)) {
    log(`throughput round ${round}/${rounds}: ${kind}…`);
    (kind === 'ours' ? ours : bare).push(measure(kind));
  }
}
const oursRate = median(ours.map((r) => r.recordsPerSecond));
const bareRate = median(bare.map((r) => r.recordsPerSecond));
const throughput = {
  records,
  workers,
  rounds,
  dataset: '50% email / 50% phone, noisy formats, 1% junk; profile concord-v1, region US, hmac mode',
  ours: {
    recordsPerSecond: Math.round(oursRate),
    runs: ours.map((r) => Math.round(r.recordsPerSecond)),
    peakRssMB: Math.round(Math.max(...ours.map((r) => r.peakRssMB))),
    rssBeforeTokenizerMB: Math.round(Math.max(...ours.map((r) => r.rssBeforeMB))),
    validRecords: ours[0]?.valid ?? 0,
  },
  bare: {
    recordsPerSecond: Math.round(bareRate),
    runs: bare.map((r) => Math.round(r.recordsPerSecond)),
    peakRssMB: Math.round(Math.max(...bare.map((r) => r.peakRssMB))),
  },
  ratio: Number((oursRate / bareRate).toFixed(2)),
};

log(`match quality: ${args.people} people…`);
const quality: QualityReport = runQuality(Number(args.people));

const environment = {
  node: process.version,
  cpu: cpus()[0]?.model ?? 'unknown',
  cores: availableParallelism(),
  loadAverage1m: { start: Number(loadAtStart.toFixed(2)), end: Number((loadavg()[0] ?? 0).toFixed(2)) },
};

if (args.json) {
  // One line, last on stdout: package-manager banners may precede it.
  process.stdout.write(`${JSON.stringify({ environment, throughput, quality })}\n`);
} else {
  const fmt = (n: number) => n.toLocaleString('en-US');
  const pct = (x: number) => `${(x * 100).toFixed(2)}%`;
  const out = [
    `Identity benchmarks — node ${environment.node}, ${environment.cores} cores (${environment.cpu}), load average ${environment.loadAverage1m.start} → ${environment.loadAverage1m.end}`,
    '',
    `Throughput: ${fmt(records)} records, ${workers} worker threads, median of ${rounds} runs`,
    `  ${throughput.dataset}`,
    `  ours  normalize + HMAC tokenize   ${fmt(throughput.ours.recordsPerSecond).padStart(9)} records/s   runs ${throughput.ours.runs.map(fmt).join(', ')}   peak RSS ${throughput.ours.peakRssMB} MB (${throughput.ours.rssBeforeTokenizerMB} MB before the tokenizer started)`,
    `  bare  noble HMAC-SHA256 only      ${fmt(throughput.bare.recordsPerSecond).padStart(9)} records/s   runs ${throughput.bare.runs.map(fmt).join(', ')}   peak RSS ${throughput.bare.peakRssMB} MB`,
    `  ratio ours / bare                 ${throughput.ratio}`,
    '',
    `Match quality: ${fmt(quality.people)} people; partner A (${quality.partnerA.region}) holds ${fmt(quality.partnerA.people)}, partner B (${quality.partnerB.region}) holds ${fmt(quality.partnerB.people)}; ${fmt(quality.sharedPeople)} shared; ${fmt(quality.nearDuplicatePairsAcrossPartners)} near-duplicate pairs across partners`,
    '  profile      recall    false matches  false-match rate  invalid ids',
    ...[...quality.results, quality.control].map(
      (r) =>
        `  ${r.profile.padEnd(11)} ${pct(r.recall).padStart(8)} ${String(r.falseMatches).padStart(15)} ${pct(r.falseMatchRate).padStart(17)} ${String(r.invalidIdentifiers).padStart(12)}`,
    ),
    '  (control = concord-v1 plus dot/+tag removal on every domain: shows the near-duplicates are caught)',
  ];
  process.stdout.write(`${out.join('\n')}\n`);
}
