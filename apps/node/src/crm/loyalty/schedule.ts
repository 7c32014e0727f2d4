// The loyalty schedule, set-based: earn points for members' purchases, expire old points (oldest first), and
// move members between tiers by the points they earned in the qualifying window. Idempotent for one `asOf`.
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { Deps } from '../../deps.ts';
import { getProgramme } from './programme.ts';

export interface ScheduleResult {
  earned: { events: number; points: number };
  expired: { members: number; points: number };
  tierChanges: number;
}

/**
 * Points for a purchase = floor(price × points per unit × category multiplier (1 when none)), for purchases made
 * on or after the member joined and up to `asOf`; each purchase earns once (purchase_id is unique).
 */
async function earn(db: Kysely<Database>, asOf: Date, pointsPerUnit: number) {
  const { rows } = await sql<{ events: number; points: number }>`
    with ins as (
      insert into loyalty_event (customer_id, kind, points, occurred_at, purchase_id, source)
      select p.customer_id, 'earn', floor(p.price * ${pointsPerUnit}::numeric * coalesce(m.multiplier, 1))::int,
        p.purchased_at, p.id, 'computed'
      from purchase p
      join loyalty_member lm on lm.customer_id = p.customer_id and p.purchased_at >= lm.joined_at
      left join loyalty_category_multiplier m on m.category = p.category
      where p.purchased_at <= ${asOf.toISOString()}::timestamptz
        and not exists (select 1 from loyalty_event e where e.purchase_id = p.id)
      on conflict (purchase_id) do nothing
      returning points)
    select count(*)::int as events, coalesce(sum(points), 0)::int as points from ins`.execute(db);
  return rows[0]!;
}

/**
 * Redemptions spend the oldest points first, so what is still unspent from points earned before the expiry
 * cutoff is max(0, earned before cutoff − redeemed − already expired). That amount expires now.
 */
async function expire(db: Kysely<Database>, asOf: Date, expiryMonths: number) {
  const { rows } = await sql<{ members: number; points: number }>`
    with due as (
      select e.customer_id,
        coalesce(sum(e.points) filter (where e.kind in ('earn', 'adjust') and e.points > 0
          and e.occurred_at <= ${asOf.toISOString()}::timestamptz - make_interval(months => ${expiryMonths})), 0)
        + coalesce(sum(e.points) filter (where e.kind in ('redeem', 'expire') or (e.kind = 'adjust' and e.points < 0)), 0)
          as unspent
      from loyalty_event e join loyalty_member lm on lm.customer_id = e.customer_id
      where e.occurred_at <= ${asOf.toISOString()}::timestamptz
      group by e.customer_id),
    ins as (
      insert into loyalty_event (customer_id, kind, points, occurred_at, source, note)
      select customer_id, 'expire', -unspent, ${asOf.toISOString()}::timestamptz, 'schedule', 'points past expiry'
      from due where unspent > 0
      returning points)
    select count(*)::int as members, coalesce(-sum(points), 0)::int as points from ins`.execute(db);
  return rows[0]!;
}

/** Target tier = the highest threshold reached by points earned in the qualifying window (none below the lowest). */
async function retier(db: Kysely<Database>, asOf: Date, qualifyingMonths: number): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    with qualifying as (
      select lm.customer_id, lm.tier as current,
        coalesce((select sum(e.points) from loyalty_event e where e.customer_id = lm.customer_id and e.kind = 'earn'
          and e.occurred_at > ${asOf.toISOString()}::timestamptz - make_interval(months => ${qualifyingMonths})
          and e.occurred_at <= ${asOf.toISOString()}::timestamptz), 0) as points
      from loyalty_member lm),
    target as (
      select q.customer_id, q.current,
        (select t.key from loyalty_tier t where t.threshold <= q.points order by t.threshold desc limit 1) as tier
      from qualifying q),
    moved as (
      update loyalty_member lm set tier = t.tier, tier_since = ${asOf.toISOString()}::timestamptz
      from target t where t.customer_id = lm.customer_id and t.tier is distinct from t.current
      returning lm.customer_id, t.current, t.tier),
    ins as (
      insert into loyalty_event (customer_id, kind, points, occurred_at, source, tier_from, tier_to)
      select customer_id, 'tier_change', 0, ${asOf.toISOString()}::timestamptz, 'schedule', current, tier from moved
      returning 1)
    select count(*)::int as n from ins`.execute(db);
  return rows[0]!.n;
}

/** Runs the schedule as of `input.asOf` (the caller's clock reading, or an earlier day being caught up). */
export async function runLoyaltySchedule(
  deps: Pick<Deps, 'db'>,
  input: { asOf: Date },
): Promise<ScheduleResult> {
  const { db } = deps;
  const { asOf } = input;
  const programme = await getProgramme(db);
  return db.transaction().execute(async (trx) => {
    // One schedule run at a time: two would both expire the same points.
    await sql`select pg_advisory_xact_lock(hashtext('concord.loyalty.schedule'))`.execute(trx);
    const earned = await earn(trx, asOf, programme.pointsPerUnit);
    const expired = await expire(trx, asOf, programme.expiryMonths);
    const tierChanges = await retier(trx, asOf, programme.qualifyingMonths);
    return { earned, expired, tierChanges };
  });
}
