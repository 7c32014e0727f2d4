// What federation domain functions need: the node's database, config, clock and a clean-room client.

import { type CleanroomClient, createCleanroomClient } from '@concord/protocol/client';
import { ConcordError } from '@concord/protocol/errors';
import type { Logger } from '@concord/service';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import type { NodeConfig } from '../env.ts';
import { currentCredential } from './credential.ts';
import { storageKeyFor } from './node-key.ts';

export interface FederationDeps {
  db: Kysely<Database>;
  config: NodeConfig;
  logger: Logger;
  now: () => Date;
  cleanroom: CleanroomClient;
  /** Seals the node key and collaboration secrets at rest. */
  storageKey: Uint8Array;
}

/** True when this node is configured to talk to a clean room (and holds its credential now). */
export function hasCleanroom(config: NodeConfig): boolean {
  return Boolean(config.cleanroomUrl && currentCredential(config));
}

const clients = new WeakMap<NodeConfig, CleanroomClient>();

/**
 * One client per node config. It reads the credential at every request, so a credential file that appears or is
 * rotated takes effect at once; calls without one fail with UNAVAILABLE (the withdrawal sender retries them).
 */
export function cleanroomClient(config: NodeConfig): CleanroomClient {
  if (!config.cleanroomUrl) {
    throw new ConcordError('UNAVAILABLE', 'this node is not connected to a clean room (set cleanroomUrl)');
  }
  let client = clients.get(config);
  if (!client) {
    client = createCleanroomClient({
      baseUrl: config.cleanroomUrl,
      credential: () => currentCredential(config),
    });
    clients.set(config, client);
  }
  return client;
}

/** Builds the deps from a request context; UNAVAILABLE when no clean room is configured. */
export function federationDeps(ctx: {
  db: Kysely<Database>;
  config: NodeConfig;
  logger: Logger;
  now: () => Date;
}): FederationDeps {
  if (!hasCleanroom(ctx.config)) {
    throw new ConcordError(
      'UNAVAILABLE',
      'this node is not connected to a clean room (set cleanroomUrl and credential)',
    );
  }
  return {
    db: ctx.db,
    config: ctx.config,
    logger: ctx.logger,
    now: ctx.now,
    cleanroom: cleanroomClient(ctx.config),
    storageKey: storageKeyFor(ctx.config),
  };
}
