// Deals (sales opportunities): pipeline stages with amount, expected close, probability and owner; created by hand
// or from a campaign response. A won deal becomes a purchase (so it counts in analytics and campaign results).
import { ConcordError } from '@concord/protocol/errors';
import type { Kysely } from 'kysely';
import { appendAudit } from '../../audit/log.ts';
import { type Actor, auditActor } from '../../auth/actor.ts';
import type { Database } from '../../db/database.ts';
import type { Deal, DealStage } from '../../db/tables/marketing.table.ts';
import type { Deps } from '../../deps.ts';
import { assertActiveCustomer, dateText } from '../customers/customers.ts';

export const DEAL_STAGES = ['lead', 'qualified', 'proposal', 'negotiation', 'won', 'lost'] as const;
/** Probability a stage implies when none is given (percent). */
export const STAGE_PROBABILITY: Record<DealStage, number> = {
  lead: 10,
  qualified: 25,
  proposal: 50,
  negotiation: 75,
  won: 100,
  lost: 0,
};

export interface DealInput {
  title: string;
  customerId: string;
  amount: number;
  expectedClose: string;
  ownerId: string;
  stage?: DealStage | undefined;
  probability?: number | undefined;
  product?: string | null | undefined;
  category?: string | null | undefined;
  campaignId?: string | null | undefined;
}

export function dealView(d: Deal & { customer_name?: string | null }) {
  return {
    id: d.id,
    title: d.title,
    customerId: d.customer_id,
    customerName: d.customer_name ?? null,
    stage: d.stage,
    amount: Number(d.amount),
    probability: d.probability,
    expectedClose: dateText(d.expected_close) ?? '',
    ownerId: d.owner_id,
    product: d.product,
    category: d.category,
    campaignId: d.campaign_id,
    purchaseId: d.purchase_id,
    closedAt: d.closed_at?.toISOString() ?? null,
  };
}

export async function createDeal(deps: Pick<Deps, 'db' | 'now'>, input: DealInput & { actor: Actor }) {
  const { db } = deps;
  const { actor } = input;
  const now = deps.now();
  await assertActiveCustomer(db, input.customerId);
  const stage = input.stage ?? 'lead';
  if (stage === 'won' || stage === 'lost') throw new ConcordError('BAD_INPUT', 'a new deal must be open');
  const row = await db
    .insertInto('deal')
    .values({
      title: input.title,
      customer_id: input.customerId,
      stage,
      amount: input.amount,
      probability: input.probability ?? STAGE_PROBABILITY[stage],
      expected_close: input.expectedClose,
      owner_id: input.ownerId,
      product: input.product ?? null,
      category: input.category ?? null,
      campaign_id: input.campaignId ?? null,
      created_by: actor.id,
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return dealView(row);
}

/** A deal from a campaign response: the member must be in the treatment group and have responded. */
export async function dealFromResponse(
  deps: Pick<Deps, 'db' | 'now'>,
  input: { campaignId: string; customerId: string; amount: number; expectedClose: string; actor: Actor },
) {
  const { db } = deps;
  const c = await db.selectFrom('campaign').selectAll().where('id', '=', input.campaignId).executeTakeFirst();
  if (!c) throw new ConcordError('NOT_FOUND', 'no such campaign');
  const responded = await db
    .selectFrom('campaign_contact')
    .select('id')
    .where('campaign_id', '=', c.id)
    .where('customer_id', '=', input.customerId)
    .where('status', '=', 'responded')
    .executeTakeFirst();
  if (!responded) throw new ConcordError('CONFLICT', 'this customer has not responded to the campaign');
  return createDeal(deps, {
    title: `${c.name}: ${c.offer_product ?? c.offer_category}`,
    customerId: input.customerId,
    amount: input.amount,
    expectedClose: input.expectedClose,
    ownerId: c.owner_id,
    stage: 'qualified',
    product: c.offer_product,
    category: c.offer_category,
    campaignId: c.id,
    actor: input.actor,
  });
}

export interface DealPatch {
  stage?: DealStage | undefined;
  amount?: number | undefined;
  probability?: number | undefined;
  expectedClose?: string | undefined;
  ownerId?: string | undefined;
}

/** Edits or moves a deal; moving to `won` writes the purchase in the same transaction. Closed deals are final. */
export async function updateDeal(
  deps: Pick<Deps, 'db' | 'now'>,
  input: { id: string; patch: DealPatch; actor: Actor },
) {
  const { id, patch, actor } = input;
  const now = deps.now();
  return deps.db.transaction().execute(async (trx) => {
    const d = await trx.selectFrom('deal').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
    if (!d) throw new ConcordError('NOT_FOUND', 'no such deal');
    if (d.stage === 'won' || d.stage === 'lost') throw new ConcordError('CONFLICT', `deal is ${d.stage}`);
    const stage = patch.stage ?? d.stage;
    const closing = stage === 'won' || stage === 'lost';
    const amount = patch.amount ?? Number(d.amount);
    let purchaseId: string | null = null;
    if (stage === 'won') {
      const p = await trx
        .insertInto('purchase')
        .values({
          external_id: `deal:${d.id}`,
          customer_id: d.customer_id,
          product: d.product ?? d.title,
          category: d.category,
          price: amount,
          quantity: 1,
          purchased_at: now,
          attributes: JSON.stringify({
            deal_id: d.id,
            ...(d.campaign_id ? { campaign: d.campaign_id } : {}),
          }),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      purchaseId = p.id;
    }
    const row = await trx
      .updateTable('deal')
      .set({
        stage,
        amount,
        probability:
          patch.probability ??
          (patch.stage && patch.stage !== d.stage ? STAGE_PROBABILITY[stage] : d.probability),
        expected_close: patch.expectedClose ?? d.expected_close,
        owner_id: patch.ownerId ?? d.owner_id,
        closed_at: closing ? now : null,
        purchase_id: purchaseId,
        updated_at: now,
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    if (closing) {
      await appendAudit(trx, {
        action: `deal.${stage}`,
        subjectType: 'Deal',
        subjectId: id,
        ...auditActor(actor),
        at: now,
        data: { amount, purchaseId },
      });
    }
    return dealView(row);
  });
}

/** Every deal with its customer's name, for the board (columns by stage). */
export async function dealBoard(db: Kysely<Database>, ownerId?: string) {
  let q = db
    .selectFrom('deal as d')
    .innerJoin('customer as c', 'c.id', 'd.customer_id')
    .selectAll('d')
    .select((eb) => eb.fn('concat_ws', [eb.val(' '), 'c.first_name', 'c.last_name']).as('customer_name'))
    .where('c.deleted_at', 'is', null)
    .orderBy('d.expected_close')
    .orderBy('d.id');
  if (ownerId) q = q.where('d.owner_id', '=', ownerId);
  const rows = await q.execute();
  return DEAL_STAGES.map((stage) => {
    const deals = rows
      .filter((r) => r.stage === stage)
      .map((r) => dealView(r as Deal & { customer_name: string }));
    return { stage, deals, total: deals.reduce((s, d) => s + d.amount, 0) };
  });
}
