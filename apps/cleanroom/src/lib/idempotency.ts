// Exactly-once mutations: the response is stored with the change in one transaction, keyed by (caller, key).

import { canonicalJson } from '@concord/federation/audit-chain';
import { ConcordError } from '@concord/protocol/errors';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/database.ts';
import { bytes, sha256 } from './encoding.ts';

export type Idempotent = <T>(work: (trx: Transaction<Database>) => Promise<T>) => Promise<T>;

const KEY = /^[A-Za-z0-9._:-]{8,200}$/;

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === '23505';
}

/**
 * Runs `work` in a transaction unless (owner, key) was already used: then replays the stored response if the
 * request is the same, or throws IDEMPOTENCY_MISMATCH. A concurrent duplicate loses on the primary key, rolls
 * back its own change and replays the winner's response.
 */
export function idempotentRunner(
  db: Kysely<Database>,
  owner: string,
  key: string | null,
  path: string,
  input: unknown,
): Idempotent {
  return async <T>(work: (trx: Transaction<Database>) => Promise<T>): Promise<T> => {
    if (!key || !KEY.test(key)) {
      throw new ConcordError(
        'BAD_INPUT',
        'mutations need an Idempotency-Key header (8-200 chars [A-Za-z0-9._:-])',
      );
    }
    const requestHash = sha256(path, '\n', canonicalJson(input ?? null));
    const replay = async (): Promise<T | undefined> => {
      const prior = await db
        .selectFrom('idempotency_keys')
        .select(['path', 'request_hash', 'response'])
        .where('owner', '=', owner)
        .where('key', '=', key)
        .executeTakeFirst();
      if (!prior) return undefined;
      if (prior.path !== path || Buffer.compare(bytes(prior.request_hash), requestHash) !== 0) {
        throw new ConcordError(
          'IDEMPOTENCY_MISMATCH',
          'this Idempotency-Key was used for a different request',
        );
      }
      return prior.response as T;
    };
    const earlier = await replay();
    if (earlier !== undefined) return earlier;
    try {
      return await db.transaction().execute(async (trx) => {
        const out = await work(trx);
        await trx
          .insertInto('idempotency_keys')
          .values({ owner, key, path, request_hash: requestHash, response: JSON.stringify(out) })
          .execute();
        return out;
      });
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const winner = await replay();
      if (winner === undefined) throw error;
      return winner;
    }
  };
}
