// The compliance rules a publication carries to the clean room, and tightening live publications when rules change.
import { ruleFor } from '@concord/consent/eligibility';
import { purposeBit } from '@concord/federation/purpose-mask';
import type { Kysely } from 'kysely';
import { rulesInForce } from '../consent/rules.ts';
import type { Database } from '../db/database.ts';
import type { Collaboration, PublicationPolicy } from '../db/tables/collab.table.ts';
import type { FederationDeps } from './deps.ts';
import type { Recipient } from './sources.ts';

export interface PublishPolicy extends PublicationPolicy {
  /** The shortest retention among the purposes' rules (days); undefined when no purpose has a rule. */
  retentionDays: number | undefined;
}

/** Recipients of a publication: every other member still in the collaboration. */
export function recipientsOf(c: Pick<Collaboration, 'members'>, myPartnerId: string): Recipient[] {
  return c.members
    .filter((m) => m.partnerId !== myPartnerId && m.status !== 'left')
    .map((m) => ({ industry: m.industry, partnerId: m.partnerId }));
}

/**
 * Per collaboration purpose (index i = purposes[i]) under the rules in force at `at`: lists allowed (bit i),
 * the kMin floor, and the shortest retention. A purpose without a rule shares nothing: counts only, floor 1.
 */
export async function publishPolicy(
  db: Kysely<Database>,
  purposes: readonly string[],
  at: Date,
): Promise<PublishPolicy> {
  const rules = await rulesInForce(db, at);
  let listsMask = 0;
  const kMinByPurpose: number[] = [];
  let retentionDays: number | undefined;
  purposes.forEach((purpose, i) => {
    const rule = ruleFor(rules, purpose);
    if (rule?.listsAllowed) listsMask |= purposeBit(i);
    kMinByPurpose.push(rule?.kMin ?? 1);
    if (rule) retentionDays = Math.min(retentionDays ?? rule.retentionDays, rule.retentionDays);
  });
  return { listsMask: listsMask | 0, kMinByPurpose, retentionDays };
}

/** True when `next` restricts something `sent` allowed (a bit cleared or a floor raised). */
export function isStricter(sent: PublicationPolicy | null, next: PublicationPolicy): boolean {
  if (!sent) return true;
  if ((sent.listsMask & ~next.listsMask) !== 0) return true;
  return next.kMinByPurpose.some((k, i) => k > (sent.kMinByPurpose[i] ?? 0));
}

/** The stricter of the two, field by field (what the clean room holds after a tighten). */
function combine(sent: PublicationPolicy | null, next: PublicationPolicy): PublicationPolicy {
  if (!sent) return next;
  return {
    listsMask: sent.listsMask & next.listsMask,
    kMinByPurpose: next.kMinByPurpose.map((k, i) => Math.max(k, sent.kMinByPurpose[i] ?? 0)),
  };
}

/**
 * For every live publication flagged by a rule change: if today's rules are stricter than what the clean room
 * holds, tighten it there at once (no republish). Looser rules wait for the next publish. Returns how many
 * publications were tightened; a failure leaves the flag set for the next round.
 */
export async function tightenDirtyPublications(
  deps: Pick<FederationDeps, 'db' | 'cleanroom' | 'now' | 'logger'>,
): Promise<number> {
  const { db } = deps;
  const at = deps.now();
  const dirty = await db
    .selectFrom('publication')
    .select(['id', 'cleanroom_publication_id', 'purposes', 'policy_sent'])
    .where('policy_dirty', '=', true)
    .where('status', '=', 'live')
    .execute();
  let tightened = 0;
  for (const p of dirty) {
    // Clear the flag first: a rule change landing while we work sets it again and is handled next round.
    await db.updateTable('publication').set({ policy_dirty: false }).where('id', '=', p.id).execute();
    const next = await publishPolicy(db, p.purposes, at);
    const wanted = { listsMask: next.listsMask, kMinByPurpose: next.kMinByPurpose };
    if (!p.cleanroom_publication_id || !isStricter(p.policy_sent, wanted)) continue;
    const merged = combine(p.policy_sent, wanted);
    try {
      await deps.cleanroom.tightenPublication({ publicationId: p.cleanroom_publication_id, ...merged });
    } catch (error) {
      deps.logger.warn({ err: error, publicationId: p.id }, 'tightening a publication failed; will retry');
      await db.updateTable('publication').set({ policy_dirty: true }).where('id', '=', p.id).execute();
      continue;
    }
    await db
      .updateTable('publication')
      .set({ policy_sent: JSON.stringify(merged) })
      .where('id', '=', p.id)
      .execute();
    tightened++;
  }
  return tightened;
}
