// One line in words for a segment rule, for lists and the catalogue.
import { ID_TYPE_INFO } from '@concord/identity/id-types';
import type { SegmentRule } from './segment-rule.ts';

/** A nested group in brackets, so "a and (b or c)" reads as built. */
const inner = (r: SegmentRule) =>
  (r.type === 'and' || r.type === 'or') && r.rules.length > 1 ? `(${describeRule(r)})` : describeRule(r);

/** One line in words, for lists and the catalogue. */
export function describeRule(rule: SegmentRule): string {
  switch (rule.type) {
    case 'and':
    case 'or':
      return rule.rules.map(inner).join(` ${rule.type} `);
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
