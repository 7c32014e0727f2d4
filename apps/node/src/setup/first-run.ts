// First-run setup: a node without users issues a one-time code at start; whoever holds it creates the first admin.
// Only the code's SHA-256 is stored; it works once and expires (config `setupCodeTtlMinutes`).
import { randomInt, timingSafeEqual } from 'node:crypto';
import { ConcordError } from '@concord/protocol/errors';
import type { Kysely } from 'kysely';
import { appendAudit } from '../audit/log.ts';
import { tokenDigest } from '../auth/tokens.ts';
import { createUser, type UserView } from '../auth/users.ts';
import type { Database } from '../db/database.ts';
import { inTransaction } from '../db/transaction.ts';
import type { Deps } from '../deps.ts';

/** Readable and unambiguous when typed from a terminal (no 0/O, 1/I/L). */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const GROUPS = 4;
const GROUP_LENGTH = 5;

/** 20 characters of a 31-letter alphabet: ~99 bits, far beyond online guessing. */
export function newSetupCode(): string {
  const groups: string[] = [];
  for (let g = 0; g < GROUPS; g++) {
    let group = '';
    for (let i = 0; i < GROUP_LENGTH; i++) group += ALPHABET[randomInt(ALPHABET.length)];
    groups.push(group);
  }
  return groups.join('-');
}

/** Case, spaces and dashes do not matter when the code is typed back. */
export function normalizeSetupCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '');
}

function digest(code: string): Uint8Array {
  return tokenDigest(`setup:${normalizeSetupCode(code)}`);
}

export async function hasUsers(db: Kysely<Database>): Promise<boolean> {
  return Boolean(await db.selectFrom('app_user').select('id').limit(1).executeTakeFirst());
}

export interface IssuedSetupCode {
  code: string;
  expiresAt: Date;
}

/** On start: when the node has no users, replaces any earlier code with a fresh one; otherwise null. */
export async function issueSetupCode(
  deps: Pick<Deps, 'db' | 'now'>,
  input: { ttlMinutes: number },
): Promise<IssuedSetupCode | null> {
  const { db } = deps;
  const now = deps.now();
  if (await hasUsers(db)) return null;
  const code = newSetupCode();
  const expiresAt = new Date(now.getTime() + input.ttlMinutes * 60_000);
  const row = { code_hash: digest(code), created_at: now, expires_at: expiresAt, used_at: null };
  await db
    .insertInto('setup_code')
    .values({ id: 1, ...row })
    .onConflict((oc) => oc.column('id').doUpdateSet(row))
    .execute();
  return { code, expiresAt };
}

export interface CompleteSetupInput {
  code: string;
  email: string;
  password: string;
  displayName?: string | null;
}

/**
 * Creates the first admin if `code` is the current, unused, unexpired code and the node still has no users.
 * The code row is locked for the check, so two concurrent attempts cannot both succeed.
 */
export async function completeSetup(
  deps: Pick<Deps, 'db' | 'now'>,
  input: CompleteSetupInput,
): Promise<UserView> {
  const now = deps.now();
  return inTransaction(deps.db, async (trx) => {
    const row = await trx
      .selectFrom('setup_code')
      .selectAll()
      .where('id', '=', 1)
      .forUpdate()
      .executeTakeFirst();
    if (row?.used_at || (await hasUsers(trx))) {
      throw new ConcordError('CONFLICT', 'this node is already set up; sign in instead');
    }
    const given = digest(input.code);
    const stored = row ? new Uint8Array(row.code_hash) : undefined;
    if (!row || !stored || stored.length !== given.length || !timingSafeEqual(stored, given)) {
      throw new ConcordError('UNAUTHENTICATED', 'this setup code is not valid for this node');
    }
    if (row.expires_at.getTime() <= now.getTime()) {
      throw new ConcordError('EXPIRED', 'this setup code has expired; restart the node for a new one');
    }
    const user = await createUser({ db: trx }, { ...input, role: 'admin' });
    await trx.updateTable('setup_code').set({ used_at: now }).where('id', '=', 1).execute();
    await appendAudit(trx, {
      action: 'setup.completed',
      subjectType: 'User',
      subjectId: user.id,
      actorId: user.id,
      actor: user.email,
      at: now,
    });
    return user;
  });
}
