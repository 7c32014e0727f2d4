// What federation domain functions need: the node's database, config, clock and a clean-room client.

import { type CleanroomClient, createCleanroomClient } from '@concord/protocol/client';
import { ConcordError } from '@concord/protocol/errors';
import type { Logger } from '@concord/service';
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import type { NodeConfig } from '../env.ts';
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

/** True when this node is configured to talk to a clean room. */
export function hasCleanroom(config: NodeConfig): boolean {
  return Boolean(config.cleanroomUrl && config.cleanroomCredential);
}

const clients = new WeakMap<NodeConfig, CleanroomClient>();

/** Builds the deps from a request context; UNAVAILABLE when no clean room is configured. */
export function federationDeps(ctx: {
  db: Kysely<Database>;
  config: NodeConfig;
  logger: Logger;
  now: () => Date;
}): FederationDeps {
  const { cleanroomUrl, cleanroomCredential } = ctx.config;
  if (!cleanroomUrl || !cleanroomCredential) {
    throw new ConcordError(
      'UNAVAILABLE',
      'this node is not connected to a clean room (set cleanroomUrl and credential)',
    );
  }
  let cleanroom = clients.get(ctx.config);
  if (!cleanroom) {
    cleanroom = createCleanroomClient({ baseUrl: cleanroomUrl, credential: cleanroomCredential });
    clients.set(ctx.config, cleanroom);
  }
  return {
    db: ctx.db,
    config: ctx.config,
    logger: ctx.logger,
    now: ctx.now,
    cleanroom,
    storageKey: storageKeyFor(ctx.config),
  };
}
