// The one dependencies object every domain function takes first: `(deps, input)`, never a loose db, clock or logger.

import type { Logger } from '@concord/service';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from './db/database.ts';

export interface Deps {
  /** The node's database, or an open transaction when the caller's change must include this step. */
  db: Kysely<Database>;
  /** The clock: read it once per operation so one change carries one timestamp (tests move it). */
  now: () => Date;
  logger: Logger;
}

/** Deps whose `db` is an open transaction: for steps that must land in the caller's change (e.g. its audit event). */
export type TrxDeps = Omit<Deps, 'db'> & { db: Transaction<Database> };

/**
 * The deps of a request, built once from the tRPC context (or any object that carries them). Picks the three fields
 * so a domain function never sees the user, the HTTP bits or anything else the context holds.
 */
export function depsOf(ctx: Deps): Deps {
  return { db: ctx.db, now: ctx.now, logger: ctx.logger };
}

/** The same deps bound to `trx`, so every step of a change runs in (and is audited in) one transaction. */
export function inTrx<D extends Pick<Deps, 'db'>>(
  deps: D,
  trx: Transaction<Database>,
): Omit<D, 'db'> & { db: Transaction<Database> } {
  return { ...deps, db: trx };
}

/** The same deps with the clock stopped at one reading: every step of one operation then carries one timestamp. */
export function atOneInstant<D extends Pick<Deps, 'now'>>(deps: D): D {
  const at = deps.now();
  return { ...deps, now: () => at };
}
