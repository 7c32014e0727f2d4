// The clean room's request context: a pure inner part (testable with createCaller) and what HTTP adds.
import type { Logger } from '@concord/service';
import type { Kysely } from 'kysely';
import type pg from 'pg';
import type { Database } from '../db/database.ts';
import type { CleanroomConfig } from '../env.ts';

/** The authenticated partner (node) making the call; set by the partner middleware from its bearer credential. */
export type { PartnerIdentity } from '../partners/partners.ts';

export interface InnerContext {
  db: Kysely<Database>;
  /** Postgres only: the pg pool for bulk reads and writes beside kysely (binary COPY); absent on PGlite. */
  pool?: pg.Pool | undefined;
  config: CleanroomConfig;
  logger: Logger;
  now: () => Date;
  /** Raw bearer token from the request (never logged); resolved to a partner by middleware. */
  bearer: string | null;
  /** Idempotency-Key header of mutating requests. */
  idempotencyKey: string | null;
}

export type Context = InnerContext;

export function createInnerContext(
  deps: Omit<InnerContext, 'now' | 'bearer' | 'idempotencyKey'> & Partial<InnerContext>,
): InnerContext {
  return { now: () => new Date(), bearer: null, idempotencyKey: null, ...deps };
}
