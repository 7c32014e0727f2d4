// The owner's compliance policy on a publication (lists allowed and kMin per purpose): tightened in place, at once.
import { ConcordError } from '@concord/protocol/errors';
import type { Transaction } from 'kysely';
import { appendAudit } from '../audit/log.ts';
import type { Database } from '../db/database.ts';
import type { PartnerIdentity } from '../partners/partners.ts';

/** The stricter of two lists masks (bit cleared in either = counts only); null = unrestricted. */
export function stricterMask(a: number | null, b: number | null | undefined): number | null {
  if (b === undefined || b === null) return a;
  return a === null ? b : a & b;
}

/** Element-wise maximum of two per-purpose kMin arrays; null = none. */
export function stricterKMins(a: number[] | null, b: number[] | null | undefined): number[] | null {
  if (!b) return a;
  if (!a) return [...b];
  return Array.from({ length: Math.max(a.length, b.length) }, (_, i) => Math.max(a[i] ?? 0, b[i] ?? 0));
}

/**
 * Applies the owner's stricter rules to the live publication and any version still uploading, without a
 * republish. Monotone (see TightenPublicationInput): nothing here can loosen; loosening waits for a new version.
 */
export async function tightenPublication(
  trx: Transaction<Database>,
  now: Date,
  partner: PartnerIdentity,
  input: { publicationId: string; listsMask?: number | undefined; kMinByPurpose?: number[] | undefined },
) {
  const pub = await trx
    .selectFrom('publications')
    .select(['id', 'owner_id', 'collaboration_id', 'lists_mask', 'k_min_by_purpose'])
    .where('id', '=', input.publicationId)
    .forUpdate()
    .executeTakeFirst();
  if (!pub || pub.owner_id !== partner.id) throw new ConcordError('NOT_FOUND', 'no such publication');
  const listsMask = stricterMask(pub.lists_mask, input.listsMask);
  const kMinByPurpose = stricterKMins(pub.k_min_by_purpose, input.kMinByPurpose);
  await trx
    .updateTable('publications')
    .set({ lists_mask: listsMask, k_min_by_purpose: kMinByPurpose ? JSON.stringify(kMinByPurpose) : null })
    .where('id', '=', pub.id)
    .execute();
  const uploading = await trx
    .selectFrom('publication_versions')
    .select(['id', 'lists_mask', 'k_min_by_purpose'])
    .where('publication_id', '=', pub.id)
    .where('status', '=', 'uploading')
    .execute();
  for (const v of uploading) {
    const kMins = stricterKMins(v.k_min_by_purpose, input.kMinByPurpose);
    await trx
      .updateTable('publication_versions')
      .set({
        lists_mask: stricterMask(v.lists_mask, input.listsMask),
        k_min_by_purpose: kMins ? JSON.stringify(kMins) : null,
      })
      .where('id', '=', v.id)
      .execute();
  }
  await appendAudit(trx, now, {
    action: 'publication.tightened',
    actorId: partner.id,
    collaborationId: pub.collaboration_id,
    partnerIds: [partner.id],
    details: { publicationId: pub.id, listsMask, kMinByPurpose },
  });
  return { publicationId: pub.id, listsMask, kMinByPurpose };
}
