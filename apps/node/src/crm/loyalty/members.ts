// Loyalty members and their point events: enrolment, balances, one member's history, and the programme overview.
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { LoyaltyEventKind } from '../../db/tables/analytics.table.ts';
import { type Period, periodKey } from '../analytics/filters.ts';

export interface LoyaltyEventInput {
  externalId: string | null;
  customerId: string;
  kind: LoyaltyEventKind;
  /** Signed as stored: redemptions and expiries negative. */
  points: number;
  occurredAt: Date;
  source: 'import' | 'console';
  tierTo?: string | null;
  note?: string | null;
}

/** Enrols customers (an existing member keeps the earlier join date and their number unless one is given). */
export async function enrol(
  db: Kysely<Database>,
  rows: Array<{ customerId: string; joinedAt: Date; memberNumber: string | null }>,
): Promise<void> {
  if (rows.length === 0) return;
  const byCustomer = new Map(rows.map((r) => [r.customerId, r]));
  await db
    .insertInto('loyalty_member')
    .values(
      [...byCustomer.values()].map((r) => ({
        customer_id: r.customerId,
        joined_at: r.joinedAt,
        member_number: r.memberNumber,
      })),
    )
    .onConflict((oc) =>
      oc.column('customer_id').doUpdateSet({
        joined_at: sql`least(loyalty_member.joined_at, excluded.joined_at)`,
        member_number: sql`coalesce(excluded.member_number, loyalty_member.member_number)`,
      }),
    )
    .execute();
}

/** Records point events; an event whose external id is stored already is skipped. Returns how many landed. */
export async function recordLoyaltyEvents(db: Kysely<Database>, rows: LoyaltyEventInput[]): Promise<number> {
  let n = 0;
  for (const r of rows) {
    let from: string | null = null;
    if (r.kind === 'tier_change') {
      const m = await db
        .selectFrom('loyalty_member')
        .select('tier')
        .where('customer_id', '=', r.customerId)
        .executeTakeFirst();
      from = m?.tier ?? null;
    }
    const ins = await db
      .insertInto('loyalty_event')
      .values({
        external_id: r.externalId,
        customer_id: r.customerId,
        kind: r.kind,
        points: r.points,
        occurred_at: r.occurredAt,
        source: r.source,
        tier_from: from,
        tier_to: r.tierTo ?? null,
        note: r.note ?? null,
      })
      .onConflict((oc) => oc.column('external_id').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!ins) continue;
    n++;
    if (r.kind === 'tier_change')
      await db
        .updateTable('loyalty_member')
        .set({ tier: r.tierTo ?? null, tier_since: r.occurredAt })
        .where('customer_id', '=', r.customerId)
        .execute();
  }
  return n;
}

export interface LoyaltyOverview {
  members: number;
  byTier: Array<{ tier: string; members: number; points: number }>;
  /** Unspent points of all members (what the programme owes). */
  liability: number;
  movements: Array<{ period: string; from: string; to: string; members: number }>;
  flows: Array<{ period: string; earned: number; redeemed: number; expired: number }>;
}

export async function loyaltyOverview(db: Kysely<Database>, period: Period): Promise<LoyaltyOverview> {
  const { rows: tiers } = await sql<{ tier: string; members: number; points: number }>`
    select coalesce(lm.tier, '(none)') as tier, count(*)::int as members, coalesce(sum(b.balance), 0)::int as points
    from loyalty_member lm join customer c on c.id = lm.customer_id and c.deleted_at is null
    left join (select customer_id, sum(points) as balance from loyalty_event group by customer_id) b
      on b.customer_id = lm.customer_id
    group by 1 order by 1`.execute(db);
  const key = periodKey(period, sql`e.occurred_at`);
  const { rows: movements } = await sql<{ period: string; from: string; to: string; members: number }>`
    select ${key} as period, coalesce(e.tier_from, '(none)') as from, coalesce(e.tier_to, '(none)') as to,
      count(*)::int as members
    from loyalty_event e where e.kind = 'tier_change' group by 1, 2, 3 order by 1, 2, 3`.execute(db);
  const { rows: flows } = await sql<{ period: string; earned: number; redeemed: number; expired: number }>`
    select ${key} as period,
      coalesce(sum(e.points) filter (where e.kind = 'earn'), 0)::int as earned,
      coalesce(-sum(e.points) filter (where e.kind = 'redeem'), 0)::int as redeemed,
      coalesce(-sum(e.points) filter (where e.kind = 'expire'), 0)::int as expired
    from loyalty_event e where e.kind in ('earn', 'redeem', 'expire') group by 1 order by 1`.execute(db);
  return {
    members: tiers.reduce((s, t) => s + t.members, 0),
    byTier: tiers,
    liability: tiers.reduce((s, t) => s + t.points, 0),
    movements,
    flows,
  };
}

export interface MemberStatus {
  member: boolean;
  memberNumber: string | null;
  tier: string | null;
  joinedAt: Date | null;
  balance: number;
  events: Array<{
    id: string;
    kind: LoyaltyEventKind;
    points: number;
    at: Date;
    tierFrom: string | null;
    tierTo: string | null;
    note: string | null;
  }>;
}

export async function memberStatus(db: Kysely<Database>, customerId: string): Promise<MemberStatus> {
  const m = await db
    .selectFrom('loyalty_member')
    .selectAll()
    .where('customer_id', '=', customerId)
    .executeTakeFirst();
  const events = await db
    .selectFrom('loyalty_event')
    .select([
      'id',
      'kind',
      'points',
      'occurred_at as at',
      'tier_from as tierFrom',
      'tier_to as tierTo',
      'note',
    ])
    .where('customer_id', '=', customerId)
    .orderBy('occurred_at', 'desc')
    .execute();
  return {
    member: Boolean(m),
    memberNumber: m?.member_number ?? null,
    tier: m?.tier ?? null,
    joinedAt: m?.joined_at ?? null,
    balance: events.reduce((s, e) => s + e.points, 0),
    events,
  };
}
