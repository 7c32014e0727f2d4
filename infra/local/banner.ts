// What `pnpm start` prints once the federation is up: where everything is, and what to try first.
import { join } from 'node:path';
import { DEMO_PASSWORD, DEMO_ROLES, demoEmail, type Federation, type PartnerSpec } from './topology.ts';

export interface BannerInput {
  federation: Federation;
  seconds: string;
  storage: string;
  dataDir: string;
  cleanroomUrl: string;
  nodeUrls: string[];
  consoleBuilt: boolean;
  seeded: boolean;
  /** Per node key: the first-run setup lines it printed (nodes without users). */
  firstRun: Record<string, string[]>;
  /** The partner the demo seed gave an approved collaboration and a live publication to start from. */
  tryFirst?: PartnerSpec;
}

export function banner(b: BannerInput): string {
  const lines = [`\nConcord federation is up (${b.seconds}s) — ${b.storage}\n`];
  lines.push(
    `  clean room        ${b.cleanroomUrl}   (operator token in ${join(b.dataDir, 'federation.json')})`,
  );
  for (const [i, p] of b.federation.partners.entries()) {
    const url = b.nodeUrls[i] ?? '';
    lines.push(`  ${p.name.padEnd(17)} ${url}   console: ${b.consoleBuilt ? `${url}/` : 'not built'}`);
  }
  lines.push(
    `\nThe CLI finds these nodes by key: pnpm concord <command> --node ${b.federation.partners[0]?.key}`,
  );
  if (b.seeded) {
    lines.push(`\nDemo logins (password "${DEMO_PASSWORD}"):`);
    for (const p of b.federation.partners)
      lines.push(`  ${p.name.padEnd(17)} ${DEMO_ROLES.map((r) => demoEmail(r, p)).join('  ')}`);
    if (b.tryFirst) {
      const i = b.federation.partners.indexOf(b.tryFirst);
      lines.push(
        `\nTry first: open ${b.nodeUrls[i]}/matches, sign in as ${demoEmail('marketer', b.tryFirst)} and press`,
        '"Request match": the collaboration is approved and both sides are published, so the overlap comes back.',
        'Then choose "Cross-sell list" and press it again for the customers you share with the bank.',
      );
    }
  } else {
    lines.push('\nNo demo data. Each node prints a one-time setup link for its first admin:');
    for (const [key, printed] of Object.entries(b.firstRun)) {
      const link = printed.map((l) => l.match(/open (\S+)/)?.[1]).find(Boolean);
      if (link) lines.push(`  ${key.padEnd(10)} ${link}`);
    }
    lines.push(
      'Then join each node to the clean room with an invitation (docs/deployment.md):',
      '  CONCORD_OPERATOR_TOKEN=… pnpm concord cleanroom invitation create "<company>" --industry <industry>',
    );
  }
  return lines.join('\n');
}
