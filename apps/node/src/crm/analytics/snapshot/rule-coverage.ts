// Which segment rules the analytics snapshot can evaluate by itself: those whose every leaf reads only data the
// snapshot holds (country, demographics, loyalty and value tiers, purchases, NPS/CSAT answers). Any other leaf —
// names, attributes, interactions, identifiers, survey keys, loyalty points — sends the whole rule to SQL.
import type { SegmentRule } from '../../segments/rule.ts';

/** True when every leaf of `rule` is answered from the snapshot's columns (./rule-eval.ts evaluates it). */
export function snapshotCovers(rule: SegmentRule): boolean {
  switch (rule.type) {
    case 'and':
    case 'or':
      return rule.rules.every(snapshotCovers);
    case 'not':
      return snapshotCovers(rule.rule);
    case 'field':
      return rule.field === 'country';
    case 'purchases':
    case 'demographic':
    case 'value_tier':
      return true;
    case 'survey_score':
      // Surveys are held by id; their keys live in the survey table, outside the snapshot.
      return rule.survey === undefined;
    case 'loyalty':
      // A member without a tier looks like a non-member in the snapshot, and points are not held at all.
      return rule.tier !== undefined && rule.points === undefined;
    default:
      return false;
  }
}
