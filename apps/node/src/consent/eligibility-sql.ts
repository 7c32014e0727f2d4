// Set-based eligibility for the publisher and list resolution: one SQL statement decides a whole candidate set.
// Mirrors decide() in @concord/consent/eligibility exactly (property-tested in test/consent/eligibility-agree.test.ts).
import {
  consentAgeCutoff,
  INELIGIBLE_REASONS,
  type IneligibleReason,
  industryAllowed,
  type Recipient,
  type RuleFacts,
  ruleFor,
} from '@concord/consent/eligibility';
import { ancestorsOf } from '@concord/consent/purposes';
import { type Kysely, type SelectQueryBuilder, sql } from 'kysely';
import type { Database } from '../db/database.ts';
import { rulesInForce } from './rules.ts';

/** A query yielding the customers to decide, e.g. a segment's members: `db.selectFrom('segment_member').select('customer_id')…`. */
export type Candidates = SelectQueryBuilder<any, any, { customer_id: string }>;

export interface EligibilityQuery {
  /** The purposes to decide; `require: 'all'` (default) keeps customers allowed for every one. */
  purposes: string[];
  recipient: Recipient;
  at: Date;
  /** Customers to decide; defaults to every customer not soft-deleted. */
  candidates?: Candidates;
  require?: 'all' | 'any';
}

/** Rules are few: resolve them once in TS and bake them into the SQL as parameters. */
export type RulesByPurpose = Map<string, RuleFacts | undefined>;

export async function loadRules(db: Kysely<Database>, purposes: string[], at: Date): Promise<RulesByPurpose> {
  const rules = await rulesInForce(db, at);
  return new Map(purposes.map((p) => [p, ruleFor(rules, p)]));
}

function defaultCandidates(db: Kysely<Database>): Candidates {
  return db
    .selectFrom('customer')
    .select('customer.id as customer_id')
    .where('customer.deleted_at', 'is', null);
}

/** One row per candidate × purpose: `reason` null when allowed, else the same code decide() returns. */
export function decisionsQuery(
  db: Kysely<Database>,
  q: EligibilityQuery,
  rules: RulesByPurpose,
): SelectQueryBuilder<any, any, { customer_id: string; purpose: string; reason: IneligibleReason | null }> {
  if (q.purposes.length === 0) throw new Error('decide at least one purpose');
  const candidates = q.candidates ?? defaultCandidates(db);
  const parts = q.purposes.map((purpose) => purposeDecisions(db, candidates, purpose, rules.get(purpose), q));
  let union = parts[0]!;
  for (const part of parts.slice(1)) union = union.unionAll(part);
  return db.selectFrom(union.as('d')).select(['d.customer_id', 'd.purpose', 'd.reason']) as any;
}

function purposeDecisions(
  db: Kysely<Database>,
  candidates: Candidates,
  purpose: string,
  rule: RuleFacts | undefined,
  q: EligibilityQuery,
) {
  const constant = (reason: IneligibleReason) =>
    db
      .selectFrom(candidates.as('c'))
      .select([
        'c.customer_id',
        sql<string>`${purpose}::text`.as('purpose'),
        sql<IneligibleReason | null>`${reason}::text`.as('reason'),
      ]);
  if (!rule) return constant('no_rule');
  if (!industryAllowed(rule, q.recipient.industry)) return constant('industry_not_allowed');

  const ancestors = ancestorsOf(purpose);
  const at = q.at;
  const cutoff = consentAgeCutoff(rule, at);
  const partner = q.recipient.partnerId ?? null;
  // The deciding event per customer: latest (captured_at, id) among the purpose's own events and the
  // negative events of its ancestors, captured no later than `at`.
  const latest = db
    .selectFrom('consent_event as e')
    .distinctOn('e.customer_id')
    .select([
      'e.customer_id',
      'e.state',
      'e.collection_method',
      'e.captured_at',
      'e.valid_until',
      'e.recipient_industries',
      'e.recipient_partners',
    ])
    .where('e.customer_id', 'in', candidates)
    .where('e.captured_at', '<=', at)
    .where((eb) =>
      ancestors.length === 0
        ? eb('e.purpose', '=', purpose)
        : eb.or([
            eb('e.purpose', '=', purpose),
            eb.and([eb('e.purpose', 'in', ancestors), eb('e.state', '!=', 'given')]),
          ]),
    )
    .orderBy('e.customer_id')
    .orderBy('e.captured_at', 'desc')
    .orderBy('e.id', 'desc');

  const reason = sql<IneligibleReason | null>`case
    when l.customer_id is null then 'no_consent'
    when l.state = 'refused' then 'refused'
    when l.state = 'withdrawn' and l.collection_method = 'gpc' then 'gpc_opt_out'
    when l.state = 'withdrawn' then 'withdrawn'
    when l.state = 'expired' then 'expired'
    when l.valid_until is not null and l.valid_until <= ${at}::timestamptz then 'expired'
    when ${cutoff}::timestamptz is not null and l.captured_at < ${cutoff}::timestamptz then 'too_old'
    when '*' = any(l.recipient_industries) or ${q.recipient.industry}::text = any(l.recipient_industries)
      or (${partner}::text is not null and ${partner}::text = any(l.recipient_partners)) then null
    else 'recipient_not_allowed' end`;

  return db
    .selectFrom(candidates.as('c'))
    .leftJoin(latest.as('l'), 'l.customer_id', 'c.customer_id')
    .select(['c.customer_id', sql<string>`${purpose}::text`.as('purpose'), reason.as('reason')]);
}

/**
 * Customers eligible at `at` for the purposes and recipient, with the purposes they are allowed for
 * (the publisher's purpose mask). Rules must come from loadRules (same `at`).
 */
export function eligibleCustomersQuery(
  db: Kysely<Database>,
  q: EligibilityQuery,
  rules: RulesByPurpose,
): SelectQueryBuilder<any, any, { customer_id: string; purposes: string[] }> {
  const decisions = decisionsQuery(db, q, rules);
  const keep =
    (q.require ?? 'all') === 'all'
      ? sql<boolean>`bool_and(x.reason is null)`
      : sql<boolean>`bool_or(x.reason is null)`;
  return db
    .selectFrom(decisions.as('x'))
    .select([
      'x.customer_id',
      sql<string[]>`array_agg(x.purpose order by x.purpose) filter (where x.reason is null)`.as('purposes'),
    ])
    .groupBy('x.customer_id')
    .having(keep) as any;
}

/** Convenience: loads the rules in force at `at`, then builds eligibleCustomersQuery. */
export async function eligibleCustomerIds(
  db: Kysely<Database>,
  q: EligibilityQuery,
): Promise<SelectQueryBuilder<any, any, { customer_id: string; purposes: string[] }>> {
  return eligibleCustomersQuery(db, q, await loadRules(db, q.purposes, q.at));
}

/**
 * Excluded customers per reason, for the publisher's report. A customer excluded for several purposes is
 * counted once, under the first reason in INELIGIBLE_REASONS order among their failing purposes.
 */
export async function exclusionCounts(
  db: Kysely<Database>,
  q: EligibilityQuery,
): Promise<{ eligible: number; excluded: Partial<Record<IneligibleReason, number>> }> {
  const rules = await loadRules(db, q.purposes, q.at);
  const decisions = decisionsQuery(db, q, rules);
  const order = sql.raw(
    `case x.reason ${INELIGIBLE_REASONS.map((r, i) => `when '${r}' then ${i}`).join(' ')} end`,
  );
  const anyMode = q.require === 'any';
  const perCustomer = db
    .selectFrom(decisions.as('x'))
    .select([
      'x.customer_id',
      sql<boolean>`${anyMode ? sql`bool_or(x.reason is null)` : sql`bool_and(x.reason is null)`}`.as('ok'),
      sql<string | null>`(array_agg(x.reason order by ${order}) filter (where x.reason is not null))[1]`.as(
        'reason',
      ),
    ])
    .groupBy('x.customer_id');
  const rows = await db
    .selectFrom(perCustomer.as('p'))
    .select(['p.ok', 'p.reason', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy(['p.ok', 'p.reason'])
    .execute();
  let eligible = 0;
  const excluded: Partial<Record<IneligibleReason, number>> = {};
  for (const r of rows) {
    if (r.ok) eligible += Number(r.n);
    else excluded[r.reason as IneligibleReason] = (excluded[r.reason as IneligibleReason] ?? 0) + Number(r.n);
  }
  return { eligible, excluded };
}
