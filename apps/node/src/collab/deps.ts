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

const clients = new WeakMap<NodeConfig, { credential: string; client: CleanroomClient }>();

/** The client for the credential in force now (a rotated credential gets a new client); UNAVAILABLE without. */
export function cleanroomClient(config: NodeConfig): CleanroomClient {
  const credential = currentCredential(config);
  if (!config.cleanroomUrl || !credential) {
    throw new ConcordError(
      'UNAVAILABLE',
      'this node is not connected to a clean room (set cleanroomUrl and credential)',
    );
  }
  let entry = clients.get(config);
  if (entry?.credential !== credential) {
    entry = { credential, client: createCleanroomClient({ baseUrl: config.cleanroomUrl, credential }) };
    clients.set(config, entry);
  }
  return entry.client;
}

/**
 * A client that resolves the credential at each call, for long-lived users (the withdrawal sender) that start
 * before the node is registered; calls fail with UNAVAILABLE until a credential exists, and are retried.
 */
export function lazyCleanroomClient(config: NodeConfig): CleanroomClient {
  return new Proxy({} as CleanroomClient, {
    get: (_target, method) => {
      // Not a promise: `await lazyCleanroomClient(…)` must not call a `then` method.
      if (method === 'then' || typeof method === 'symbol') return undefined;
      return (...args: unknown[]) => {
        const client = cleanroomClient(config) as unknown as Record<
          PropertyKey,
          (...a: unknown[]) => unknown
        >;
        return client[method]?.(...args);
      };
    },
  });
}

/** Builds the deps from a request context; UNAVAILABLE when no clean room is configured. */
export function federationDeps(ctx: {
  db: Kysely<Database>;
  config: NodeConfig;
  logger: Logger;
  now: () => Date;
}): FederationDeps {
  return {
    db: ctx.db,
    config: ctx.config,
    logger: ctx.logger,
    now: ctx.now,
    cleanroom: cleanroomClient(ctx.config),
    storageKey: storageKeyFor(ctx.config),
  };
}
