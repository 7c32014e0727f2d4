// `pnpm start` flags: parsed once; bad values print the usage and exit 2, --help prints it and exits 0.
import { parseArgs } from 'node:util';

const usage = `Usage: pnpm start [--no-seed] [--postgres URL] [--data-dir DIR] [--no-web] [--federation FILE]

Runs the clean room (port 4000) and the partner nodes (default: a bank, an insurer and a car dealer on 4101-4103).
  --no-seed          start with empty nodes: each prints a one-time setup link for its first admin
  --postgres URL     use this Postgres server (one database per service, created if missing)
                     instead of embedded PGlite; also read from CONCORD_POSTGRES_URL
  --data-dir DIR     where PGlite data, logs, credentials and node configuration files live (default .concord)
  --no-web           do not build/serve the console
  --federation FILE  partners to run: {"cleanroom":{"port":4000},"partners":[{"key","name","industry","region","port"}]}
  --base-port N      clean room on N, every other port moved by the same amount
  --start-timeout S  give up when a service is not healthy after S seconds (also CONCORD_START_TIMEOUT;
                     default 0: no deadline, a note every 30 s while waiting)
  --region K=XX      default phone region per partner, e.g. bank=US,insurer=GB (also CONCORD_BANK_REGION…;
                     defaults: the federation's regions, bank=DE, insurer=AT, dealer=CH)
`;

export function startFlags() {
  const { values: flags } = parseArgs({
    options: {
      'no-seed': { type: 'boolean', default: false },
      'no-web': { type: 'boolean', default: false },
      postgres: { type: 'string' },
      'data-dir': { type: 'string', default: '.concord' },
      'base-port': { type: 'string' },
      federation: { type: 'string' },
      region: { type: 'string' },
      'start-timeout': { type: 'string', default: process.env.CONCORD_START_TIMEOUT ?? '0' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (flags.help || !/^\d*$/.test(flags['base-port'] ?? '') || !/^\d+$/.test(flags['start-timeout'] ?? '0')) {
    process.stdout.write(usage);
    process.exit(flags.help ? 0 : 2);
  }
  return flags;
}
