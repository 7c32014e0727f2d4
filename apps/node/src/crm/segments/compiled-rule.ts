// The rule a compiled segment query came from: compileSegment records it beside the query it returns, so a consumer
// holding only the query (the analytics snapshot) can evaluate the rule itself instead of running the SQL.
import type { SegmentRule } from './rule.ts';

export interface CompiledRule {
  rule: SegmentRule;
  /** The instant `withinDays` windows and age bands were anchored at. */
  asOf: Date;
}

const sources = new WeakMap<object, CompiledRule>();

/** Records that `query` selects the customers matching `rule` at `asOf`; returns the query unchanged. */
export function withRule<Q extends object>(query: Q, rule: SegmentRule, asOf: Date): Q {
  sources.set(query, { rule, asOf });
  return query;
}

/** The rule `query` was compiled from, if it is a query compileSegment returned (not a wrapped or derived one). */
export function ruleOf(query: unknown): CompiledRule | undefined {
  return typeof query === 'object' && query !== null ? sources.get(query) : undefined;
}
