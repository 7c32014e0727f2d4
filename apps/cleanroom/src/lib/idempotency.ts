// Exactly-once mutations: the response is stored with the change in one transaction, keyed by (caller, key).

import { canonicalJson } from '@concord/federation/audit-chain';
import { ConcordError } from '@concord/protocol/errors';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../db/database.ts';
import { bytes, sha256 } from './encoding.ts';

export interface IdempotentOptions {
  /**
   * The response holds a secret shown once (a credential, an invitation code). Secrets are never stored in clear,
   * caches included: only a marker is kept, and a replay answers CONFLICT instead of the secret.
   */
  secretResponse?: boolean;
}

export type Idempotent = <T>(
  work: (trx: Transaction<Database>) => Promise<T>,
  opts?: IdempotentOptions,
) => Promise<T>;

const SECRET_MARKER = { concordSecretShownOnce: true } as const;

function isSecretMarker(value: unknown): boolean {
  return (value as { concordSecretShownOnce?: unknown } | null)?.concordSecretShownOnce === true;
}

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
  return async <T>(
    work: (trx: Transaction<Database>) => Promise<T>,
    opts: IdempotentOptions = {},
  ): Promise<T> => {
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
          'CONFLICT',
          'this request already ran and its secret was shown once; rotate or re-issue to get a new one',
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
          .values({
            owner,
            key,
            path,
            request_hash: requestHash,
            response: JSON.stringify(opts.secretResponse ? SECRET_MARKER : out),
          })
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
