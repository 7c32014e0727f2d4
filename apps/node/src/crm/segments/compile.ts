// Compiles a segment rule to ONE set-based SQL query: customer-column conditions become one WHERE, history
// conditions become customer-id sets combined with INTERSECT / UNION / EXCEPT (no per-customer subqueries).
import { type Kysely, type RawBuilder, type SelectQueryBuilder, sql } from 'kysely';
import type { Database } from '../../db/database.ts';
import { analyticsRuleSet, isAnalyticsRule } from './analytics-rules.ts';
import { withRule } from './compiled-rule.ts';
import type { Range, SegmentRule } from './rule.ts';

const DAY_MS = 86_400_000;

export type SegmentQuery = SelectQueryBuilder<
  Database & { c: Database['customer'] },
  'c',
  { customer_id: string }
>;

/**
 * The ids of the (not deleted) customers matching `rule`, as a query builder to count, page, insert from
 * or join. `asOf` anchors `withinDays` windows (required: the caller's clock reading).
 */
export function compileSegment(db: Kysely<Database>, rule: SegmentRule, asOf: Date): SegmentQuery {
  const base = db.selectFrom('customer as c').select('c.id as customer_id').where('c.deleted_at', 'is', null);
  if (isRowRule(rule)) return withRule(base.where(rowPredicate(rule)), rule, asOf);
  return withRule(base.where(sql<boolean>`c.id in (${idSet(rule, asOf)})`), rule, asOf);
}

/** True when the rule only looks at the customer row (evaluated as one WHERE on customer). */
function isRowRule(rule: SegmentRule): boolean {
  switch (rule.type) {
    case 'field':
    case 'attribute':
      return true;
    case 'and':
    case 'or':
      return rule.rules.every(isRowRule);
    case 'not':
      return isRowRule(rule.rule);
    default:
      return false;
  }
}

const ALL_CUSTOMERS = sql`select c.id from customer c`;

/** A SELECT of customer ids (deleted ones may be included; the outer query drops them). */
function idSet(rule: SegmentRule, asOf: Date): RawBuilder<unknown> {
  if (isRowRule(rule)) return sql`select c.id from customer c where ${rowPredicate(rule)}`;
  switch (rule.type) {
    case 'and': {
      const rows = rule.rules.filter(isRowRule);
      const sets = rule.rules.filter((r) => !isRowRule(r));
      const positives: RawBuilder<unknown>[] = [];
      if (rows.length > 0)
        positives.push(sql`select c.id from customer c where ${rowPredicate({ type: 'and', rules: rows })}`);
      const negatives: RawBuilder<unknown>[] = [];
      for (const r of sets) {
        if (r.type === 'not') negatives.push(idSet(r.rule, asOf));
        else positives.push(idSet(r, asOf));
      }
      // A AND NOT B is A EXCEPT B; only a rule made of negations alone needs "all customers" as the start.
      if (positives.length === 0) positives.push(ALL_CUSTOMERS);
      let expr = setOp(positives, 'intersect');
      for (const n of negatives) expr = sql`(${expr}) except (${n})`;
      return expr;
    }
    case 'or': {
      const rows = rule.rules.filter(isRowRule);
      const sets = rule.rules.filter((r) => !isRowRule(r)).map((r) => idSet(r, asOf));
      if (rows.length > 0)
        sets.push(sql`select c.id from customer c where ${rowPredicate({ type: 'or', rules: rows })}`);
      return setOp(sets, 'union all');
    }
    case 'not':
      return sql`(${ALL_CUSTOMERS}) except (${idSet(rule.rule, asOf)})`;
    case 'purchases':
      return purchaseSet(rule, asOf);
    case 'service_case': {
      const conditions = [sql`i.kind = 'service_case'`, sql`i.deleted_at is null`];
      if (rule.state === 'open') conditions.push(sql`i.closed_at is null`);
      if (rule.state === 'closed') conditions.push(sql`i.closed_at is not null`);
      if (rule.product) conditions.push(sql`i.product = any(${rule.product}::text[])`);
      if (rule.outcome) conditions.push(sql`i.outcome = any(${rule.outcome}::text[])`);
      if (rule.withinDays)
        conditions.push(sql`i.occurred_at >= ${cutoff(asOf, rule.withinDays)}::timestamptz`);
      return sql`select i.customer_id from interaction i where ${sql.join(conditions, sql` and `)}`;
    }
    case 'contact': {
      const conditions = [sql`i.kind = 'contact'`, sql`i.deleted_at is null`];
      if (rule.channel) conditions.push(sql`i.channel = any(${rule.channel}::text[])`);
      if (rule.direction) conditions.push(sql`i.direction = ${rule.direction}`);
      if (rule.withinDays)
        conditions.push(sql`i.occurred_at >= ${cutoff(asOf, rule.withinDays)}::timestamptz`);
      return sql`select i.customer_id from interaction i where ${sql.join(conditions, sql` and `)}`;
    }
    case 'has_identifier':
      // Any stored identifier of the kind counts (valid or not), as before identifiers became data.
      return sql`select i.customer_id from customer_identifier i where i.id_type = ${rule.kind}`;
    default:
      if (isAnalyticsRule(rule)) return analyticsRuleSet(rule, asOf);
      throw new Error(`unreachable rule type "${(rule as { type: string }).type}"`);
  }
}

function setOp(parts: RawBuilder<unknown>[], op: 'intersect' | 'union all'): RawBuilder<unknown> {
  if (parts.length === 1) return parts[0]!;
  return sql.join(
    parts.map((p) => sql`(${p})`),
    sql` ${sql.raw(op)} `,
  );
}

function cutoff(asOf: Date, days: number): string {
  return new Date(asOf.getTime() - days * DAY_MS).toISOString();
}

/** True when a customer with no matching purchase satisfies the count and total bounds. */
export function zeroSatisfies(count: Range, total: Range | undefined): boolean {
  return (count.min ?? 0) <= 0 && (total?.min ?? 0) <= 0;
}

function rangeSql(expr: RawBuilder<unknown>, range: Range | undefined): RawBuilder<unknown>[] {
  const out: RawBuilder<unknown>[] = [];
  if (range?.min !== undefined) out.push(sql`${expr} >= ${range.min}`);
  if (range?.max !== undefined) out.push(sql`${expr} <= ${range.max}`);
  return out;
}

function purchaseSet(rule: Extract<SegmentRule, { type: 'purchases' }>, asOf: Date): RawBuilder<unknown> {
  const filters = [sql`true`];
  if (rule.category) filters.push(sql`p.category = any(${rule.category}::text[])`);
  if (rule.product) filters.push(sql`p.product = any(${rule.product}::text[])`);
  if (rule.withinDays) filters.push(sql`p.purchased_at >= ${cutoff(asOf, rule.withinDays)}::timestamptz`);
  const where = sql.join(filters, sql` and `);
  const count = rule.count ?? { min: 1 };
  const bounds = [...rangeSql(sql`count(*)`, count), ...rangeSql(sql`sum(p.price)`, rule.total)];
  if (!zeroSatisfies(count, rule.total)) {
    // "At least one matching purchase" needs no aggregate.
    if (bounds.length === 1 && count.min === 1 && count.max === undefined && !rule.total)
      return sql`select distinct p.customer_id from purchase p where ${where}`;
    return sql`select p.customer_id from purchase p where ${where}
      group by p.customer_id having ${sql.join(bounds, sql` and `)}`;
  }
  // Customers without matching purchases qualify too: everyone except those whose purchases break the bounds.
  if (bounds.length === 0) return ALL_CUSTOMERS;
  return sql`(${ALL_CUSTOMERS}) except (select p.customer_id from purchase p where ${where}
      group by p.customer_id having not (${sql.join(bounds, sql` and `)}))`;
}

/** A two-valued (never NULL) condition on the customer row `c`. */
function rowPredicate(rule: SegmentRule): RawBuilder<boolean> {
  switch (rule.type) {
    case 'and':
      return sql<boolean>`(${sql.join(rule.rules.map(rowPredicate), sql` and `)})`;
    case 'or':
      return sql<boolean>`(${sql.join(rule.rules.map(rowPredicate), sql` or `)})`;
    case 'not':
      return sql<boolean>`(not ${rowPredicate(rule.rule)})`;
    case 'field':
      return textPredicate(sql.ref(`c.${rule.field}`), rule);
    case 'attribute': {
      const value = sql`(c.attributes ->> ${rule.key}::text)`;
      if (rule.op === 'gt' || rule.op === 'gte' || rule.op === 'lt' || rule.op === 'lte') {
        const op = { gt: '>', gte: '>=', lt: '<', lte: '<=' }[rule.op];
        // CASE guarantees the cast only runs on numeric text.
        return sql<boolean>`coalesce(case when ${value} ~ '^-?[0-9]+(\\.[0-9]+)?$' then ${value}::numeric ${sql.raw(op)} ${rule.number} end, false)`;
      }
      return textPredicate(value, rule);
    }
    default:
      throw new Error(`${rule.type} is not a row rule`);
  }
}

function textPredicate(
  col: RawBuilder<unknown> | ReturnType<typeof sql.ref>,
  rule: { op: string; value?: string | undefined; values?: string[] | undefined },
): RawBuilder<boolean> {
  switch (rule.op) {
    case 'eq':
      return sql<boolean>`(${col} is not null and ${col} = ${rule.value}::text)`;
    case 'neq':
      return sql<boolean>`(${col} is null or ${col} <> ${rule.value}::text)`;
    case 'in':
      return sql<boolean>`(${col} is not null and ${col} = any(${rule.values}::text[]))`;
    case 'contains':
      return sql<boolean>`(${col} is not null and strpos(${col}, ${rule.value}::text) > 0)`;
    case 'is_set':
      return sql<boolean>`(${col} is not null)`;
    case 'is_not_set':
      return sql<boolean>`(${col} is null)`;
    default:
      throw new Error(`unknown op "${rule.op}"`);
  }
}
