// Exactly-once mutations: the response is stored with the change in one transaction, keyed by (caller, key).
// Responses that carry a secret are never stored: a replay answers ALREADY_ISSUED instead.
import { canonicalJson } from '@concord/federation/audit-chain';
import { ConcordError } from '@concord/protocol/errors';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/database.ts';
import { bytes, sha256 } from './encoding.ts';

export type Idempotent = <T>(
  work: (trx: Transaction<Database>) => Promise<T>,
  opts?: IdempotentOptions,
) => Promise<T>;

export interface IdempotentOptions {
  /**
   * The response carries a secret (a credential): only a marker is stored, so no secret is ever at rest, and a
   * replay of the same request throws ALREADY_ISSUED (the change itself still happens exactly once).
   */
  issuesSecret?: boolean;
}

/** What is stored instead of a response that carried a secret (also written by the purge migration). */
export const SECRET_ISSUED_MARKER = { $secretIssued: true } as const;

const KEY = /^[A-Za-z0-9._:-]{8,200}$/;

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === '23505';
}

function isSecretMarker(response: unknown): boolean {
  return (
    typeof response === 'object' &&
    response !== null &&
    (response as Record<string, unknown>).$secretIssued === true
  );
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
  return async <T>(work: (trx: Transaction<Database>) => Promise<T>, opts: IdempotentOptions = {}) => {
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
      if (isSecretMarker(prior.response)) {
        throw new ConcordError(
          'ALREADY_ISSUED',
          'this request already issued a secret, which is shown only once and never stored; rotate to get a new one',
        );
      }
      return prior.response as T;
    };
    const earlier = await replay();
    if (earlier !== undefined) return earlier;
    try {
      return await db.transaction().execute(async (trx) => {
        const out = await work(trx);
        const stored = opts.issuesSecret ? SECRET_ISSUED_MARKER : out;
        await trx
          .insertInto('idempotency_keys')
          .values({ owner, key, path, request_hash: requestHash, response: JSON.stringify(stored) })
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
