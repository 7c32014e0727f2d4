// Consent for campaigns: who may be contacted now. Checked at launch, again before every contact or export,
// and again when results are computed; a member who fails is marked skipped with the reason and never
// contacted or counted afterwards.
import type { Recipient } from '@concord/consent/eligibility';
import { type Kysely, sql, type Transaction } from 'kysely';
import { type Candidates, decisionsQuery, loadRules } from '../../consent/eligibility-sql.ts';
import type { Database } from '../../db/database.ts';
import type { Campaign } from '../../db/tables/marketing.table.ts';
import type { Deps } from '../../deps.ts';

type Db = Kysely<Database> | Transaction<Database>;

/**
 * Who the contact is made for: for a list audience every other member of the collaboration (the people are
 * contacted using what the partners' data revealed, as when the list was fetched); for a segment audience the
 * node's own company (its industry).
 */
export async function campaignRecipients(
  db: Db,
  campaign: Pick<Campaign, 'collaboration_id'>,
  ownIndustry: string,
): Promise<Recipient[]> {
  if (!campaign.collaboration_id) return [{ industry: ownIndustry, partnerId: null }];
  const collab = await db
    .selectFrom('collaboration')
    .select('members')
    .where('id', '=', campaign.collaboration_id)
    .executeTakeFirst();
  const me = await db.selectFrom('collab_node_key').select('partner_id').executeTakeFirst();
  return (collab?.members ?? [])
    .filter((m) => m.partnerId !== me?.partner_id)
    .map((m) => ({ industry: m.industry, partnerId: m.partnerId }));
}

/**
 * Why each of `customerIds` may not be contacted now (absent = contactable): `customer_deleted`,
 * `removed_from_list` (a withdrawal already reached the delivered list), or the consent module's reason code
 * (`withdrawn`, `refused`, `expired`, `gpc_opt_out`, …) for the campaign's purpose towards any recipient.
 */
export async function blockedMembers(
  deps: Pick<Deps, 'db' | 'now'>,
  input: { campaign: Campaign; customerIds: readonly string[]; ownIndustry: string },
): Promise<Map<string, string>> {
  const { db } = deps;
  const { campaign, customerIds, ownIndustry } = input;
  const at = deps.now();
  const blocked = new Map<string, string>();
  if (customerIds.length === 0) return blocked;
  const ids = [...customerIds];
  const gone = await db
    .selectFrom('customer')
    .select('id')
    .where('id', 'in', ids)
    .where('deleted_at', 'is not', null)
    .execute();
  for (const g of gone) blocked.set(g.id, 'customer_deleted');
  if (campaign.audience_list_id) {
    const removed = await db
      .selectFrom('audience_list_member')
      .select('customer_id')
      .where('list_id', '=', campaign.audience_list_id)
      .where('customer_id', 'in', ids)
      .where('removed_at', 'is not', null)
      .execute();
    for (const r of removed) if (!blocked.has(r.customer_id)) blocked.set(r.customer_id, 'removed_from_list');
  }
  const recipients = await campaignRecipients(db, campaign, ownIndustry);
  const rules = await loadRules(db, [campaign.purpose], at);
  const candidates = db
    .selectFrom('customer')
    .select('customer.id as customer_id')
    .where('customer.id', 'in', ids) as unknown as Candidates;
  for (const recipient of recipients) {
    const q = decisionsQuery(db, { purposes: [campaign.purpose], recipient, at, candidates }, rules);
    const { rows } = await sql<{ customer_id: string; reason: string | null }>`
      select d.customer_id::text as customer_id, d.reason from (${q}) d where d.reason is not null`.execute(
      db,
    );
    for (const r of rows) if (r.reason && !blocked.has(r.customer_id)) blocked.set(r.customer_id, r.reason);
  }
  return blocked;
}

/** Marks blocked members skipped (first reason wins) and cancels their open campaign follow-ups. */
export async function markSkipped(
  deps: Pick<Deps, 'db' | 'now'>,
  input: { campaignId: string; blocked: Map<string, string> },
): Promise<number> {
  const { db } = deps;
  const { campaignId, blocked } = input;
  const at = deps.now();
  let n = 0;
  for (const [customerId, reason] of blocked) {
    const r = await db
      .updateTable('campaign_member')
      .set({ skipped_reason: reason, skipped_at: at })
      .where('campaign_id', '=', campaignId)
      .where('customer_id', '=', customerId)
      .where('skipped_reason', 'is', null)
      .executeTakeFirst();
    n += Number(r.numUpdatedRows);
    await db
      .updateTable('follow_up')
      .set({ status: 'cancelled', updated_at: at })
      .where('status', '=', 'open')
      .where('id', 'in', (eb) =>
        eb
          .selectFrom('campaign_follow_up')
          .select('follow_up_id')
          .where('campaign_id', '=', campaignId)
          .where('customer_id', '=', customerId),
      )
      .execute();
  }
  return n;
}
