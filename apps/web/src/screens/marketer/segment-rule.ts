// The segment builder's editable conditions and their translation to the node's rule AST (crm/segments/rule.ts).
import { ID_TYPE_INFO, type IdType } from '@concord/identity/id-types';
import type { RouterOutputs } from '../../trpc.ts';

// The saved segment's rule type is the AST (inputs are typed unknown because the schema is recursive).
export type SegmentRule = RouterOutputs['segments']['get']['rule'];

export type Condition =
  | {
      kind: 'purchases';
      category: string;
      withinDays: string;
      minCount: string;
      minTotal: string;
      negate: boolean;
    }
  | { kind: 'service_case'; state: 'open' | 'closed' | 'any'; withinDays: string; negate: boolean }
  | {
      kind: 'contact';
      channel: string;
      direction: '' | 'inbound' | 'outbound';
      withinDays: string;
      negate: boolean;
    }
  | { kind: 'field'; field: 'city' | 'country' | 'postal_code'; value: string; negate: boolean }
  | { kind: 'has_identifier'; identifier: IdType; negate: boolean }
  | { kind: 'attribute'; key: string; op: 'eq' | 'gte' | 'lte'; value: string; negate: boolean };

export const CONDITION_KINDS: { kind: Condition['kind']; label: string }[] = [
  { kind: 'purchases', label: 'Bought' },
  { kind: 'service_case', label: 'Had a service case' },
  { kind: 'contact', label: 'Was contacted' },
  { kind: 'field', label: 'Lives in' },
  { kind: 'has_identifier', label: 'Has on file' },
  { kind: 'attribute', label: 'Attribute' },
];

export function newCondition(kind: Condition['kind']): Condition {
  switch (kind) {
    case 'purchases':
      return { kind, category: '', withinDays: '365', minCount: '1', minTotal: '', negate: false };
    case 'service_case':
      return { kind, state: 'any', withinDays: '365', negate: false };
    case 'contact':
      return { kind, channel: '', direction: '', withinDays: '90', negate: false };
    case 'field':
      return { kind, field: 'city', value: '', negate: false };
    case 'has_identifier':
      return { kind, identifier: 'email', negate: false };
    case 'attribute':
      return { kind, key: '', op: 'eq', value: '', negate: false };
  }
}

const list = (s: string) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
const num = (s: string) => (s.trim() === '' ? undefined : Number(s));

function toNode(c: Condition): SegmentRule {
  switch (c.kind) {
    case 'purchases': {
      const categories = list(c.category);
      const minTotal = num(c.minTotal);
      return {
        type: 'purchases',
        ...(categories.length ? { category: categories } : {}),
        ...(num(c.withinDays) ? { withinDays: num(c.withinDays) } : {}),
        count: { min: num(c.minCount) ?? 1 },
        ...(minTotal !== undefined ? { total: { min: minTotal } } : {}),
      };
    }
    case 'service_case':
      return {
        type: 'service_case',
        state: c.state,
        ...(num(c.withinDays) ? { withinDays: num(c.withinDays) } : {}),
      };
    case 'contact': {
      const channels = list(c.channel);
      return {
        type: 'contact',
        ...(channels.length ? { channel: channels } : {}),
        ...(c.direction ? { direction: c.direction } : {}),
        ...(num(c.withinDays) ? { withinDays: num(c.withinDays) } : {}),
      };
    }
    case 'field': {
      const values = list(c.value);
      return values.length > 1
        ? { type: 'field', field: c.field, op: 'in', values }
        : {
            type: 'field',
            field: c.field,
            op: 'eq',
            value: c.field === 'country' ? c.value.trim().toUpperCase() : c.value.trim(),
          };
    }
    case 'has_identifier':
      return { type: 'has_identifier', kind: c.identifier };
    case 'attribute':
      return c.op === 'eq'
        ? { type: 'attribute', key: c.key.trim(), op: 'eq', value: c.value }
        : { type: 'attribute', key: c.key.trim(), op: c.op, number: Number(c.value) };
  }
}

export function toRule(match: 'and' | 'or', conditions: Condition[]): SegmentRule | null {
  if (conditions.length === 0) return null;
  const nodes = conditions.map((c) =>
    c.negate ? ({ type: 'not', rule: toNode(c) } as SegmentRule) : toNode(c),
  );
  return nodes.length === 1 ? nodes[0]! : { type: match, rules: nodes };
}

/** Reads a saved rule back into conditions when it has the builder's shape; null for hand-written rules. */
export function fromRule(rule: SegmentRule): { match: 'and' | 'or'; conditions: Condition[] } | null {
  const top = rule.type === 'and' || rule.type === 'or' ? rule.rules : [rule];
  const match = rule.type === 'or' ? 'or' : 'and';
  const out: Condition[] = [];
  for (const r of top) {
    const negate = r.type === 'not';
    const n = r.type === 'not' ? r.rule : r;
    const c = fromNode(n, negate);
    if (!c) return null;
    out.push(c);
  }
  return { match, conditions: out };
}

function fromNode(n: SegmentRule, negate: boolean): Condition | null {
  const s = (v: number | undefined) => (v === undefined ? '' : String(v));
  switch (n.type) {
    case 'purchases':
      return {
        kind: 'purchases',
        category: (n.category ?? []).join(', '),
        withinDays: s(n.withinDays),
        minCount: s(n.count?.min),
        minTotal: s(n.total?.min),
        negate,
      };
    case 'service_case':
      return { kind: 'service_case', state: n.state, withinDays: s(n.withinDays), negate };
    case 'contact':
      return {
        kind: 'contact',
        channel: (n.channel ?? []).join(', '),
        direction: n.direction ?? '',
        withinDays: s(n.withinDays),
        negate,
      };
    case 'field':
      if (n.field !== 'city' && n.field !== 'country' && n.field !== 'postal_code') return null;
      return { kind: 'field', field: n.field, value: n.values?.join(', ') ?? n.value ?? '', negate };
    case 'has_identifier':
      return { kind: 'has_identifier', identifier: n.kind, negate };
    case 'attribute':
      if (n.op !== 'eq' && n.op !== 'gte' && n.op !== 'lte') return null;
      return {
        kind: 'attribute',
        key: n.key,
        op: n.op,
        value: n.op === 'eq' ? (n.value ?? '') : s(n.number),
        negate,
      };
    default:
      return null;
  }
}

/** One line in words, for lists and the catalogue. */
export function describeRule(rule: SegmentRule): string {
  switch (rule.type) {
    case 'and':
      return rule.rules.map(describeRule).join(' and ');
    case 'or':
      return rule.rules.map(describeRule).join(' or ');
    case 'not':
      return `not (${describeRule(rule.rule)})`;
    case 'purchases':
      return `bought ${rule.category?.join('/') ?? 'anything'}${rule.withinDays ? ` in ${rule.withinDays} days` : ''}${rule.count?.min && rule.count.min > 1 ? ` ≥ ${rule.count.min}×` : ''}${rule.total?.min ? ` for ≥ €${rule.total.min}` : ''}`;
    case 'service_case':
      return `${rule.state === 'any' ? '' : `${rule.state} `}service case${rule.withinDays ? ` in ${rule.withinDays} days` : ''}`;
    case 'contact':
      return `contacted${rule.channel ? ` by ${rule.channel.join('/')}` : ''}${rule.withinDays ? ` in ${rule.withinDays} days` : ''}`;
    case 'field':
      return `${rule.field.replace('_', ' ')} ${rule.op === 'in' ? `in ${rule.values?.join(', ')}` : `${rule.op} ${rule.value ?? ''}`}`;
    case 'has_identifier':
      return `has ${ID_TYPE_INFO[rule.kind].label.toLowerCase()}`;
    case 'attribute':
      return `${rule.key} ${rule.op} ${rule.value ?? rule.number ?? ''}`;
    case 'demographic':
      return `${rule.field.replace('_', ' ')} ${rule.op === 'in' ? `in ${rule.values?.join(', ')}` : rule.op.replaceAll('_', ' ')}`;
    case 'survey_score':
      return `${rule.metric.toUpperCase()}${rule.score?.min !== undefined ? ` ≥ ${rule.score.min}` : ''}${rule.score?.max !== undefined ? ` ≤ ${rule.score.max}` : ''}${rule.withinDays ? ` in ${rule.withinDays} days` : ''}`;
    case 'loyalty':
      return `loyalty member${rule.tier ? ` (${rule.tier.join('/')})` : ''}${rule.points?.min !== undefined ? ` with ≥ ${rule.points.min} points` : ''}`;
    case 'value_tier':
      return `value tier ${rule.tiers.join('/')}`;
  }
}
