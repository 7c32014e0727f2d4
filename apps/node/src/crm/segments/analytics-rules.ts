// Segment rules over the analytical data: demographics (sensitive), survey scores, loyalty status and points,
// value tiers. Each compiles to a set of customer ids, like the history rules in compile.ts.
import { type RawBuilder, sql } from 'kysely';
import { z } from 'zod';
import { fieldSql, SENSITIVE_FIELDS, type SensitiveField } from '../demographics/fields.ts';

export interface Range {
  min?: number | undefined;
  max?: number | undefined;
}

export type AnalyticsRule =
  /** A demographic field (sensitive: the segment becomes sensitive). `in` + values, or is_set / is_not_set. */
  | {
      type: 'demographic';
      field: SensitiveField;
      op: 'in' | 'is_set' | 'is_not_set';
      values?: string[] | undefined;
    }
  /** Has an NPS / CSAT answer with a score in `score`, in the surveys listed, within `withinDays`. */
  | {
      type: 'survey_score';
      metric: 'nps' | 'csat';
      survey?: string[] | undefined;
      score?: Range | undefined;
      withinDays?: number | undefined;
    }
  /** Is a loyalty member in one of `tier` (any tier when absent) with a points balance in `points`. */
  | { type: 'loyalty'; tier?: string[] | undefined; points?: Range | undefined }
  /** Is in one of the profitability tiers (as last computed by value.refresh). */
  | { type: 'value_tier'; tiers: Array<'top' | 'middle' | 'tail'> };

const TextList = z.array(z.string().min(1).max(500)).min(1).max(1000);
const Score = z.object({
  min: z.number().int().min(0).max(10).optional(),
  max: z.number().int().min(0).max(10).optional(),
});
const Points = z.object({ min: z.number().int().optional(), max: z.number().int().optional() });
const ordered = (r: Range) => r.min === undefined || r.max === undefined || r.min <= r.max;

export const ANALYTICS_RULE_SCHEMAS = [
  z
    .object({
      type: z.literal('demographic'),
      field: z.enum(SENSITIVE_FIELDS),
      op: z.enum(['in', 'is_set', 'is_not_set']),
      values: TextList.optional(),
    })
    .refine((r) => r.op !== 'in' || r.values !== undefined, {
      message: 'op in needs "values"',
      path: ['values'],
    }),
  z.object({
    type: z.literal('survey_score'),
    metric: z.enum(['nps', 'csat']),
    survey: TextList.optional(),
    score: Score.refine(ordered, 'min must not exceed max').optional(),
    withinDays: z.number().int().min(1).max(36_500).optional(),
  }),
  z.object({
    type: z.literal('loyalty'),
    tier: TextList.optional(),
    points: Points.refine(ordered, 'min must not exceed max').optional(),
  }),
  z.object({
    type: z.literal('value_tier'),
    tiers: z
      .array(z.enum(['top', 'middle', 'tail']))
      .min(1)
      .max(3),
  }),
] as const;

const ANALYTICS_TYPES = new Set(['demographic', 'survey_score', 'loyalty', 'value_tier']);

export function isAnalyticsRule(rule: { type: string }): rule is AnalyticsRule {
  return ANALYTICS_TYPES.has(rule.type);
}

function rangeSql(expr: RawBuilder<unknown>, r: Range | undefined): RawBuilder<unknown>[] {
  const out: RawBuilder<unknown>[] = [];
  if (r?.min !== undefined) out.push(sql`${expr} >= ${r.min}`);
  if (r?.max !== undefined) out.push(sql`${expr} <= ${r.max}`);
  return out;
}

/** A SELECT of the customer ids (deleted ones included; the outer query drops them). */
export function analyticsRuleSet(rule: AnalyticsRule, asOf: Date): RawBuilder<unknown> {
  switch (rule.type) {
    case 'demographic': {
      const value = fieldSql(rule.field, asOf);
      const cond =
        rule.op === 'in'
          ? sql`${value} = any(${rule.values}::text[])`
          : rule.op === 'is_set'
            ? sql`${value} is not null`
            : sql`${value} is null`;
      return sql`select c.id from customer c left join customer_demographics d on d.customer_id = c.id where ${cond}`;
    }
    case 'survey_score': {
      const parts = [
        sql`a.kind = ${rule.metric}`,
        sql`a.score is not null`,
        ...rangeSql(sql`a.score`, rule.score),
      ];
      if (rule.survey)
        parts.push(sql`a.survey_id in (select s.id from survey s where s.key = any(${rule.survey}::text[]))`);
      if (rule.withinDays)
        parts.push(
          sql`a.responded_at >= ${new Date(asOf.getTime() - rule.withinDays * 86_400_000).toISOString()}::timestamptz`,
        );
      return sql`select a.customer_id from survey_answer a where ${sql.join(parts, sql` and `)}`;
    }
    case 'loyalty': {
      const parts = [sql`true`];
      if (rule.tier) parts.push(sql`m.tier = any(${rule.tier}::text[])`);
      if (rule.points) {
        const balance = sql`coalesce((select sum(e.points) from loyalty_event e where e.customer_id = m.customer_id), 0)`;
        parts.push(...rangeSql(balance, rule.points));
      }
      return sql`select m.customer_id from loyalty_member m where ${sql.join(parts, sql` and `)}`;
    }
    case 'value_tier':
      return sql`select v.customer_id from customer_value v where v.tier = any(${rule.tiers}::text[])`;
  }
}

/** The sensitive fields a rule reads (demographic leaves), for the release checks. */
export function sensitiveFieldsOf(rule: {
  type: string;
  rules?: unknown;
  rule?: unknown;
  field?: unknown;
}): Set<SensitiveField> {
  const out = new Set<SensitiveField>();
  const walk = (r: { type: string; rules?: unknown; rule?: unknown; field?: unknown }) => {
    if (r.type === 'demographic') out.add(r.field as SensitiveField);
    if (Array.isArray(r.rules)) for (const x of r.rules) walk(x);
    if (r.rule) walk(r.rule as typeof r);
  };
  walk(rule);
  return out;
}
