// The segment rule language: a JSON AST over customer fields, attributes and history, validated by zod.

import { ID_TYPES, type IdType } from '@concord/identity';
import { z } from 'zod';
import { ANALYTICS_RULE_SCHEMAS, type AnalyticsRule } from './analytics-rules.ts';

/** Customer columns a rule may compare. */
export const CUSTOMER_FIELDS = [
  'external_id',
  'first_name',
  'last_name',
  'postal_code',
  'city',
  'country',
] as const;
export type CustomerField = (typeof CUSTOMER_FIELDS)[number];

export const TEXT_OPS = ['eq', 'neq', 'in', 'contains', 'is_set', 'is_not_set'] as const;
export const NUMBER_OPS = ['gt', 'gte', 'lt', 'lte'] as const;
export type TextOp = (typeof TEXT_OPS)[number];
export type NumberOp = (typeof NUMBER_OPS)[number];

/** Bounds on a number; either side optional, both inclusive. */
export interface Range {
  min?: number | undefined;
  max?: number | undefined;
}

export type SegmentRule =
  | { type: 'and'; rules: SegmentRule[] }
  | { type: 'or'; rules: SegmentRule[] }
  | { type: 'not'; rule: SegmentRule }
  /** Compares a customer column; a missing value never equals anything and always differs. */
  | {
      type: 'field';
      field: CustomerField;
      op: TextOp;
      value?: string | undefined;
      values?: string[] | undefined;
    }
  /**
   * Compares a free attribute (as text); `gt`…`lte` compare it as a number with `number`
   * (attributes that are not numbers never match).
   */
  | {
      type: 'attribute';
      key: string;
      op: TextOp | NumberOp;
      value?: string | undefined;
      values?: string[] | undefined;
      number?: number | undefined;
    }
  /**
   * Purchase history (recency, frequency, monetary): over the customer's purchases matching the filters
   * (category, product, bought within the last `withinDays` days), the number of purchases must be in `count`
   * (default: at least 1) and their summed price in `total`.
   */
  | {
      type: 'purchases';
      category?: string[] | undefined;
      product?: string[] | undefined;
      withinDays?: number | undefined;
      count?: Range | undefined;
      total?: Range | undefined;
    }
  /** Has a service case in `state` (open = not closed) matching the filters, opened within `withinDays`. */
  | {
      type: 'service_case';
      state: 'open' | 'closed' | 'any';
      product?: string[] | undefined;
      outcome?: string[] | undefined;
      withinDays?: number | undefined;
    }
  /** Had a contact matching the filters within `withinDays`. */
  | {
      type: 'contact';
      channel?: string[] | undefined;
      direction?: 'inbound' | 'outbound' | undefined;
      withinDays?: number | undefined;
    }
  /** Has at least one identifier of a registered id type on file (`@concord/identity` ID_TYPES). */
  | { type: 'has_identifier'; kind: IdType }
  /** Demographics, survey scores, loyalty and value tiers (./analytics-rules.ts). */
  | AnalyticsRule;

const Text = z.string().min(1).max(500);
const TextList = z.array(Text).min(1).max(1000);
const Days = z.number().int().min(1).max(36_500);
const RangeSchema = z
  .object({ min: z.number().min(0).optional(), max: z.number().min(0).optional() })
  .refine((r) => r.min === undefined || r.max === undefined || r.min <= r.max, 'min must not exceed max');

function needsOperand(
  r: { op: string; value?: string | undefined; values?: string[] | undefined; number?: number | undefined },
  ctx: z.RefinementCtx,
) {
  if ((r.op === 'eq' || r.op === 'neq' || r.op === 'contains') && r.value === undefined)
    ctx.addIssue({ code: 'custom', message: `op ${r.op} needs "value"`, path: ['value'] });
  if (r.op === 'in' && r.values === undefined)
    ctx.addIssue({ code: 'custom', message: 'op in needs "values"', path: ['values'] });
  if ((NUMBER_OPS as readonly string[]).includes(r.op) && r.number === undefined)
    ctx.addIssue({ code: 'custom', message: `op ${r.op} needs "number"`, path: ['number'] });
}

const FieldRule = z
  .object({
    type: z.literal('field'),
    field: z.enum(CUSTOMER_FIELDS),
    op: z.enum(TEXT_OPS),
    value: z.string().max(500).optional(),
    values: TextList.optional(),
  })
  .superRefine(needsOperand);

const AttributeRule = z
  .object({
    type: z.literal('attribute'),
    key: Text,
    op: z.enum([...TEXT_OPS, ...NUMBER_OPS]),
    value: z.string().max(500).optional(),
    values: TextList.optional(),
    number: z.number().finite().optional(),
  })
  .superRefine(needsOperand);

const PurchasesRule = z.object({
  type: z.literal('purchases'),
  category: TextList.optional(),
  product: TextList.optional(),
  withinDays: Days.optional(),
  count: RangeSchema.optional(),
  total: RangeSchema.optional(),
});

const ServiceCaseRule = z.object({
  type: z.literal('service_case'),
  state: z.enum(['open', 'closed', 'any']),
  product: TextList.optional(),
  outcome: TextList.optional(),
  withinDays: Days.optional(),
});

const ContactRule = z.object({
  type: z.literal('contact'),
  channel: TextList.optional(),
  direction: z.enum(['inbound', 'outbound']).optional(),
  withinDays: Days.optional(),
});

const IdentifierRule = z.object({
  type: z.literal('has_identifier'),
  kind: z.enum(ID_TYPES as readonly IdType[] as [IdType, ...IdType[]]),
});

const MAX_NODES = 200;

const RuleNode: z.ZodType<SegmentRule> = z.lazy(() =>
  z.discriminatedUnion('type', [
    z.object({ type: z.literal('and'), rules: z.array(RuleNode).min(1).max(50) }),
    z.object({ type: z.literal('or'), rules: z.array(RuleNode).min(1).max(50) }),
    z.object({ type: z.literal('not'), rule: RuleNode }),
    FieldRule,
    AttributeRule,
    PurchasesRule,
    ServiceCaseRule,
    ContactRule,
    IdentifierRule,
    ...ANALYTICS_RULE_SCHEMAS,
  ]),
) as z.ZodType<SegmentRule>;

/** A validated rule; also bounds its size so one query stays reasonable. */
export const SegmentRule = RuleNode.refine((rule) => countNodes(rule) <= MAX_NODES, {
  message: `a rule may have at most ${MAX_NODES} nodes`,
});

export function countNodes(rule: SegmentRule): number {
  if (rule.type === 'and' || rule.type === 'or') return 1 + rule.rules.reduce((n, r) => n + countNodes(r), 0);
  if (rule.type === 'not') return 1 + countNodes(rule.rule);
  return 1;
}
