// Campaigns: create (audience from a segment or a received list), list, get, and launch — which draws the
// seeded holdout, checks consent for everyone, and plans personal-channel follow-ups for the owner.
import { randomBytes } from 'node:crypto';
import { isKnownPurpose } from '@concord/consent/purposes';
import { ConcordError } from '@concord/protocol/errors';
import type { Kysely } from 'kysely';
import { appendAudit } from '../../audit/log.ts';
import { type Actor, auditActor } from '../../auth/actor.ts';
import type { Database } from '../../db/database.ts';
import type { Campaign } from '../../db/tables/marketing.table.ts';
import { atOneInstant, type Deps } from '../../deps.ts';
import { dateText } from '../customers/customers.ts';
import { segmentCustomerIdsQuery } from '../segments/segments.ts';
import { type CampaignChannel, isPersonal } from './channels.ts';
import { blockedMembers, markSkipped } from './consent.ts';
import { splitHoldout } from './holdout.ts';

export interface CampaignInput {
  name: string;
  audience:
    | { kind: 'segment'; segmentId: string; purpose: string }
    | { kind: 'list'; audienceListId: string };
  channels: CampaignChannel[];
  offer: { product?: string | null | undefined; category?: string | null | undefined };
  startsOn: string;
  endsOn?: string | null | undefined;
  windowDays: number;
  ownerId: string;
  holdoutPct: number;
  seed?: string | undefined;
  cost: number;
}

async function audienceSource(db: Kysely<Database>, input: CampaignInput) {
  if (input.audience.kind === 'segment') {
    const s = await db
      .selectFrom('segment')
      .select('id')
      .where('id', '=', input.audience.segmentId)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    if (!s) throw new ConcordError('NOT_FOUND', 'no such segment');
    if (!isKnownPurpose(input.audience.purpose)) throw new ConcordError('BAD_INPUT', 'unknown purpose');
    return {
      segment_id: s.id,
      audience_list_id: null,
      collaboration_id: null,
      purpose: input.audience.purpose,
    };
  }
  const l = await db
    .selectFrom('audience_list')
    .select(['id', 'collaboration_id', 'purpose', 'status'])
    .where('id', '=', input.audience.audienceListId)
    // Archived and deleted lists are out of use: new campaigns cannot pick them.
    .where('archived_at', 'is', null)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  if (l?.status !== 'ready') throw new ConcordError('NOT_FOUND', 'no such list');
  // A received list can be used only for the purpose it was released for.
  return {
    segment_id: null,
    audience_list_id: l.id,
    collaboration_id: l.collaboration_id,
    purpose: l.purpose,
  };
}

export async function createCampaign(
  deps: Pick<Deps, 'db' | 'now'>,
  input: CampaignInput & { actor: Actor },
) {
  const { db } = deps;
  const { actor } = input;
  const now = deps.now();
  if (!input.offer.product && !input.offer.category) {
    throw new ConcordError('BAD_INPUT', 'an offer needs a product or a category');
  }
  if (input.endsOn && input.endsOn < input.startsOn)
    throw new ConcordError('BAD_INPUT', 'ends before it starts');
  const source = await audienceSource(db, input);
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('campaign')
      .values({
        name: input.name,
        audience_kind: input.audience.kind,
        ...source,
        channels: JSON.stringify([...new Set(input.channels)]),
        offer_product: input.offer.product ?? null,
        offer_category: input.offer.category ?? null,
        starts_on: input.startsOn,
        ends_on: input.endsOn ?? null,
        window_days: input.windowDays,
        owner_id: input.ownerId,
        holdout_pct: input.holdoutPct,
        seed: input.seed ?? randomBytes(16).toString('hex'),
        cost: input.cost,
        created_by: actor.id,
        created_at: now,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendAudit(trx, {
      action: 'campaign.create',
      subjectType: 'Campaign',
      subjectId: row.id,
      ...auditActor(actor),
      at: now,
      data: {
        audience: input.audience.kind,
        audienceListId: source.audience_list_id,
        purpose: source.purpose,
      },
    });
    return row;
  });
}

export async function getCampaign(db: Kysely<Database>, id: string): Promise<Campaign> {
  const row = await db.selectFrom('campaign').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw new ConcordError('NOT_FOUND', 'no such campaign');
  return row;
}

export function listCampaigns(db: Kysely<Database>): Promise<Campaign[]> {
  return db.selectFrom('campaign').selectAll().orderBy('created_at', 'desc').execute();
}

async function audienceIds(db: Kysely<Database>, c: Campaign, now: Date): Promise<string[]> {
  if (c.segment_id) {
    const q = await segmentCustomerIdsQuery(db, c.segment_id, now);
    return (await q.execute()).map((r) => r.customer_id);
  }
  const rows = await db
    .selectFrom('audience_list_member')
    .select('customer_id')
    .where('list_id', '=', c.audience_list_id ?? '')
    .execute();
  return rows.map((r) => r.customer_id);
}

/**
 * Launch: snapshot the audience, draw the holdout (seeded, so it can be recomputed), check consent for every
 * member now (failures are skipped with their reason), and plan one follow-up per treatment member and personal
 * channel for the owner. Launching twice is refused (CONFLICT): the split must never be redrawn.
 */
export async function launchCampaign(
  deps: Pick<Deps, 'db' | 'now'>,
  input: { id: string; actor: Actor; ownIndustry: string },
) {
  const { db } = deps;
  const { id, actor, ownIndustry } = input;
  const at = atOneInstant(deps);
  const now = at.now();
  const c = await getCampaign(db, id);
  if (c.status !== 'draft') throw new ConcordError('CONFLICT', `campaign is ${c.status}`);
  const ids = await audienceIds(db, c, now);
  if (ids.length === 0) throw new ConcordError('BAD_INPUT', 'the audience is empty');
  const { treatment, holdout } = splitHoldout(ids, c.holdout_pct, c.seed);
  const claimed = await db
    .updateTable('campaign')
    .set({ status: 'launched', launched_at: now })
    .where('id', '=', id)
    .where('status', '=', 'draft')
    .executeTakeFirst();
  if (Number(claimed.numUpdatedRows) === 0)
    throw new ConcordError('CONFLICT', 'campaign was launched already');
  const rows = [
    ...treatment.map((customer_id) => ({ campaign_id: id, customer_id, grp: 'treatment' as const })),
    ...holdout.map((customer_id) => ({ campaign_id: id, customer_id, grp: 'holdout' as const })),
  ];
  for (let i = 0; i < rows.length; i += 5_000) {
    await db
      .insertInto('campaign_member')
      .values(rows.slice(i, i + 5_000))
      .execute();
  }
  const blocked = await blockedMembers(at, { campaign: c, customerIds: ids, ownIndustry });
  await markSkipped(at, { campaignId: id, blocked });
  const followUps = await planFollowUps(
    db,
    c,
    treatment.filter((t) => !blocked.has(t)),
    now,
  );
  const skipped: Record<string, number> = {};
  for (const reason of blocked.values()) skipped[reason] = (skipped[reason] ?? 0) + 1;
  const report = {
    audience: ids.length,
    treatment: treatment.length,
    holdout: holdout.length,
    skipped,
    followUps,
  };
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('campaign')
      .set({ launch_report: JSON.stringify(report) })
      .where('id', '=', id)
      .execute();
    await appendAudit(trx, {
      action: 'campaign.launch',
      subjectType: 'Campaign',
      subjectId: id,
      ...auditActor(actor),
      at: now,
      data: { ...report, seed: c.seed, holdoutPct: c.holdout_pct },
    });
  });
  return report;
}

async function planFollowUps(db: Kysely<Database>, c: Campaign, treatment: string[], now: Date) {
  const personal = c.channels.filter(isPersonal);
  if (personal.length === 0 || treatment.length === 0) return 0;
  // Due on the start day, or today when launched late (string compare of YYYY-MM-DD is date order).
  const today = now.toISOString().slice(0, 10);
  const due = [dateText(c.starts_on) ?? today, today].sort()[1] as string;
  let n = 0;
  for (const channel of personal) {
    for (let i = 0; i < treatment.length; i += 2_000) {
      const chunk = treatment.slice(i, i + 2_000);
      const created = await db
        .insertInto('follow_up')
        .values(
          chunk.map((customer_id) => ({
            customer_id,
            owner_id: c.owner_id,
            due_date: due,
            channel,
            note: `Campaign “${c.name}”: offer ${c.offer_product ?? c.offer_category}`,
            created_by: c.created_by,
            created_at: now,
            updated_at: now,
          })),
        )
        .returning(['id', 'customer_id'])
        .execute();
      await db
        .insertInto('campaign_follow_up')
        .values(created.map((f) => ({ campaign_id: c.id, follow_up_id: f.id, customer_id: f.customer_id })))
        .execute();
      n += created.length;
    }
  }
  return n;
}
