// The node's federation background work: withdrawal sender, list-removal sync and list expiry; started by server.ts.
import type { CleanroomClient } from '@concord/protocol/client';
import { toBase64Url } from '@concord/protocol/encoding';
import type { Deps } from '../deps.ts';
import type { NodeConfig } from '../env.ts';
import { sweepExpiredLists } from './audience.ts';
import { currentCredential } from './credential.ts';
import { cleanroomClient } from './deps.ts';
import { type ListSync, startListSync } from './list-removals.ts';
import { ensureNodeKey, storageKeyFor } from './node-key.ts';
import { type SenderOptions, startWithdrawalSender, type WithdrawalSender } from './withdrawal-sender.ts';

const SWEEP_MS = 10 * 60_000;

/** How often the node pulls list removals from the clean room (measured: docs/benchmarks.md, withdrawal). */
const LIST_SYNC_MS = 250;

export interface FederationWorker {
  sender: WithdrawalSender;
  listSync: ListSync;
  stop(): Promise<void>;
}

/** Starts the background work, or returns null when no clean room is configured. */
export async function startFederationWorker(
  deps: Deps & { config: NodeConfig },
  input: SenderOptions & { listSyncMs?: number } = {},
): Promise<FederationWorker | null> {
  const { config, logger, db, now } = deps;
  // With a clean room configured the worker always runs: the credential may arrive later (join, file).
  if (!config.cleanroomUrl) return null;
  const cleanroom = cleanroomClient(config);
  if (!config.nodeSecret) {
    logger.warn(
      'CONCORD_NODE_SECRET is not set: the node key and collaboration secrets are not protected at rest',
    );
  }
  const keys = await ensureNodeKey(db, storageKeyFor(config));
  // Tell the operator (in the log) which key to register; never fatal, the clean room may be down right now.
  if (currentCredential(config)) warnOnKeyMismatch(cleanroom, keys.publicKey, logger);
  else logger.info({ publicKey: toBase64Url(keys.publicKey) }, 'waiting for the clean-room credential file');
  const sender = startWithdrawalSender({ db, cleanroom, now, logger }, input);
  const listSync = startListSync(
    { db, cleanroom, now, logger },
    { intervalMs: input.listSyncMs ?? LIST_SYNC_MS },
  );
  const sweep = setInterval(() => {
    sweepExpiredLists({ db, now }).catch((error: unknown) =>
      logger.warn({ err: error }, 'list expiry sweep failed'),
    );
  }, SWEEP_MS);
  sweep.unref();
  return {
    sender,
    listSync,
    stop: async () => {
      clearInterval(sweep);
      await listSync.stop();
      await sender.stop();
    },
  };
}

function warnOnKeyMismatch(cleanroom: CleanroomClient, publicKey: Uint8Array, logger: Deps['logger']): void {
  cleanroom.whoami().then(
    ({ partner }) => {
      if (partner.publicKey !== toBase64Url(publicKey)) {
        logger.warn(
          { publicKey: toBase64Url(publicKey) },
          'clean room holds another public key for this node',
        );
      }
    },
    (error: unknown) => logger.warn({ err: error }, 'clean room not reachable at startup'),
  );
}
