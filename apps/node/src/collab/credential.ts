// The node's clean-room credential: given directly, or read from a file that may appear or change while the
// node runs. The file form lets an operator onboard or rotate a node without restarting it (`pnpm start` writes
// the file once the clean room has registered the node); the file is re-read when its mtime changes.
import { readFileSync, statSync } from 'node:fs';
import type { NodeConfig } from '../env.ts';

type CredentialConfig = Pick<NodeConfig, 'cleanroomCredential' | 'cleanroomCredentialFile'>;

let cached: { path: string; mtimeMs: number; value: string | undefined } | undefined;

/** The credential to present now, or undefined while none is configured (or the file does not exist yet). */
export function currentCredential(config: CredentialConfig): string | undefined {
  if (config.cleanroomCredential) return config.cleanroomCredential;
  const path = config.cleanroomCredentialFile;
  if (!path) return undefined;
  let mtimeMs: number;
  try {
    mtimeMs = statSync(path).mtimeMs;
  } catch {
    return undefined;
  }
  if (cached?.path === path && cached.mtimeMs === mtimeMs) return cached.value;
  const value = readFileSync(path, 'utf8').trim() || undefined;
  cached = { path, mtimeMs, value };
  return value;
}

/** True when a credential can come at all (now or later, from the file). */
export function credentialConfigured(config: CredentialConfig): boolean {
  return Boolean(config.cleanroomCredential || config.cleanroomCredentialFile);
}
