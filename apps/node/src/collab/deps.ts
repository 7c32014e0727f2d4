// What federation domain functions need: the node's deps (db, clock, logger) plus config and a clean-room client.

import { type CleanroomClient, createCleanroomClient } from '@concord/protocol/client';
import { ConcordError } from '@concord/protocol/errors';
import { type Deps, depsOf } from '../deps.ts';
import type { NodeConfig } from '../env.ts';
import { currentCredential } from './credential.ts';
import { storageKeyFor } from './node-key.ts';

/** The node's deps plus what talking to the clean room takes. */
export interface FederationDeps extends Deps {
  config: NodeConfig;
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
export function federationDeps(ctx: Deps & { config: NodeConfig }): FederationDeps {
  if (!hasCleanroom(ctx.config)) {
    throw new ConcordError(
      'UNAVAILABLE',
      'this node is not connected to a clean room (set cleanroomUrl and credential)',
    );
  }
  return {
    ...depsOf(ctx),
    config: ctx.config,
    cleanroom: cleanroomClient(ctx.config),
    storageKey: storageKeyFor(ctx.config),
  };
}
