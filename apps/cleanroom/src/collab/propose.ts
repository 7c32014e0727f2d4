// Proposing a collaboration: the proposer approves implicitly; every member's wrapped secret arrives with it.
import type { OutputPolicy } from '@concord/protocol/contract/collaborations';
import { ConcordError } from '@concord/protocol/errors';
import type { Transaction } from 'kysely';
import { appendAudit } from '../audit/log.ts';
import type { Database } from '../db/database.ts';
import type { PartnerIdentity } from '../partners/partners.ts';
import { getCollaboration } from './collaborations.ts';

export interface ProposeInput {
  name: string;
  description: string;
  memberIds: string[];
  purposes: string[];
  policy: OutputPolicy;
  tokenMode: 'hmac' | 'sha256';
  expiresAt: string;
  wrappedSecrets: { partnerId: string }[];
  kMinFloor?: number | undefined;
  officer: string;
}

export async function proposeCollaboration(
  trx: Transaction<Database>,
  now: Date,
  proposer: PartnerIdentity,
  input: ProposeInput,
) {
  const { all, wrapped, expiresAt } = await checkProposal(trx, now, proposer, input);
  const collab = await trx
    .insertInto('collaborations')
    .values({
      name: input.name,
      description: input.description,
      status: 'pending',
      proposer_id: proposer.id,
      purposes: JSON.stringify(input.purposes),
      policy: JSON.stringify(input.policy),
      token_mode: input.tokenMode,
      expires_at: expiresAt,
      created_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('collaboration_members')
    .values(
      all.map((partnerId) => ({
        collaboration_id: collab.id,
        partner_id: partnerId,
        status: partnerId === proposer.id ? ('approved' as const) : ('pending' as const),
        approved_at: partnerId === proposer.id ? now : null,
        k_min_floor: partnerId === proposer.id ? (input.kMinFloor ?? null) : null,
        officer: partnerId === proposer.id ? input.officer : '',
        wrapped_secret: JSON.stringify(wrapped.get(partnerId)),
      })),
    )
    .execute();
  await appendAudit(trx, now, {
    action: 'collaboration.proposed',
    actorId: proposer.id,
    collaborationId: collab.id,
    partnerIds: all,
    details: { name: input.name, purposes: input.purposes, policy: input.policy, tokenMode: input.tokenMode },
  });
  return getCollaboration(trx, proposer.id, collab.id, now);
}

/** Refuses duplicates, a past expiry, unknown or disabled members and anything but one envelope per member. */
async function checkProposal(
  trx: Transaction<Database>,
  now: Date,
  proposer: PartnerIdentity,
  input: ProposeInput,
) {
  const others = [...new Set(input.memberIds)];
  if (others.length !== input.memberIds.length) throw new ConcordError('BAD_INPUT', 'duplicate member');
  if (others.includes(proposer.id)) {
    throw new ConcordError('BAD_INPUT', 'memberIds lists the other members; the proposer is implicit');
  }
  if (new Set(input.purposes).size !== input.purposes.length) {
    throw new ConcordError('BAD_INPUT', 'duplicate purpose');
  }
  const expiresAt = new Date(input.expiresAt);
  if (expiresAt <= now) throw new ConcordError('BAD_INPUT', 'expiresAt must be in the future');
  const all = [proposer.id, ...others];
  const found = await trx
    .selectFrom('partners')
    .select('id')
    .where('id', 'in', all)
    .where('status', '=', 'active')
    .execute();
  if (found.length !== all.length) throw new ConcordError('NOT_FOUND', 'unknown or disabled member partner');
  const wrapped = new Map(input.wrappedSecrets.map((w) => [w.partnerId, w]));
  if (
    wrapped.size !== input.wrappedSecrets.length ||
    wrapped.size !== all.length ||
    !all.every((id) => wrapped.has(id))
  ) {
    throw new ConcordError(
      'BAD_INPUT',
      'wrappedSecrets needs exactly one envelope per member, proposer included',
    );
  }
  return { all, wrapped, expiresAt };
}
