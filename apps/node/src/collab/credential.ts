// The node's clean-room credential: given directly, or read from a file that may appear or change while the
// node runs. The file form lets a node join or rotate without restarting: `cleanroom.join` and
// `cleanroom.rotate` write it (mode 0600), an operator may too; the file is re-read when its mtime changes.
// Default file: `<dataDir>/cleanroom.credential`; a node on in-memory PGlite (tests) keeps it in memory.
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { NodeConfig } from '../env.ts';

type CredentialConfig = Pick<NodeConfig, 'cleanroomCredential' | 'cleanroomCredentialFile' | 'dataDir'>;

let cached: { path: string; mtimeMs: number; value: string | undefined } | undefined;
const inMemory = new WeakMap<object, string>();

/** Where this node keeps its credential, or undefined when it lives in memory only (in-memory databases). */
export function credentialPath(config: CredentialConfig): string | undefined {
  if (config.cleanroomCredentialFile) return config.cleanroomCredentialFile;
  if (config.dataDir.startsWith('memory://')) return undefined;
  return join(config.dataDir, 'cleanroom.credential');
}

/** The credential to present now, or undefined while none is configured (or the file does not exist yet). */
export function currentCredential(config: CredentialConfig): string | undefined {
  if (config.cleanroomCredential) return config.cleanroomCredential;
  const path = credentialPath(config);
  if (!path) return inMemory.get(config);
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

/**
 * Keeps a credential the clean room just issued (join, rotation): written to a temporary file and renamed, so a
 * reader never sees half a credential; undefined removes it (revocation).
 */
export function storeCredential(config: CredentialConfig, credential: string | undefined): void {
  cached = undefined;
  const path = credentialPath(config);
  if (!path) {
    if (credential) inMemory.set(config, credential);
    else inMemory.delete(config);
    return;
  }
  if (!credential) {
    rmSync(path, { force: true });
    return;
  }
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, `${credential}\n`, { mode: 0o600 });
  renameSync(temporary, path);
}

/** True when a credential given on the command line is fixed: join and rotation cannot replace it. */
export function credentialIsFixed(config: CredentialConfig): boolean {
  return Boolean(config.cleanroomCredential);
}
