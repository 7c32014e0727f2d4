// The federation's local state (operator token, partner credentials): kept in <dataDir>/federation.json, mode 0600.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

const State = z.object({
  operatorToken: z.string(),
  partners: z.record(z.string(), z.object({ partnerId: z.string(), credential: z.string() })),
  /** Per-node secret sealing each node's private key at rest (a real deployment keeps it in a secret store). */
  nodeSecrets: z.record(z.string(), z.string()).default({}),
  seeded: z.record(z.string(), z.boolean()).default({}),
});
export type FederationState = z.infer<typeof State>;

export function loadState(dataDir: string): FederationState {
  const file = join(dataDir, 'federation.json');
  if (existsSync(file)) return State.parse(JSON.parse(readFileSync(file, 'utf8')));
  return { operatorToken: randomBytes(24).toString('base64url'), partners: {}, nodeSecrets: {}, seeded: {} };
}

export function saveState(dataDir: string, state: FederationState): void {
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(join(dataDir, 'federation.json'), `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
}
