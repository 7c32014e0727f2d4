// Segment rules evaluated over the analytics snapshot: each leaf becomes a mask over the customer slots (one pass
// over a column, or over the purchase or answer blocks), combined with and / or / not. Same semantics as the SQL
// compiler (crm/segments/compile.ts), checked against it and a reference by test/crm/segments-fuzz.test.ts.
import type { Range, SegmentRule } from '../../segments/rule.ts';
import type { Dimension } from '../dimensions.ts';
import { type Coder, coderOf } from './coders.ts';
import type { Dict } from './columns.ts';
import { snapshotCovers } from './rule-coverage.ts';
import { SCORE_KINDS, type Snapshot } from './store.ts';

const DAY_MS = 86_400_000;
type Rule<T extends SegmentRule['type']> = Extract<SegmentRule, { type: T }>;

/** Per slot, 1 for the live customers matching `rule` at `asOf`. The rule must be covered (./rule-coverage.ts). */
export function ruleMask(snap: Snapshot, rule: SegmentRule, asOf: Date): Uint8Array {
  if (!snapshotCovers(rule)) throw new Error(`the snapshot cannot evaluate a ${rule.type} rule`);
  const out = evaluate(snap, rule, asOf);
  const present = snap.present.data;
  for (let s = 0; s < out.length; s++) out[s]! &= present[s]!;
  return out;
}

function evaluate(snap: Snapshot, rule: SegmentRule, asOf: Date): Uint8Array {
  switch (rule.type) {
    case 'and':
    case 'or': {
      const [out, ...rest] = rule.rules.map((r) => evaluate(snap, r, asOf)) as [Uint8Array, ...Uint8Array[]];
      const and = rule.type === 'and';
      for (const m of rest)
        for (let s = 0; s < out.length; s++) out[s] = and ? out[s]! & m[s]! : out[s]! | m[s]!;
      return out;
    }
    case 'not': {
      const m = evaluate(snap, rule.rule, asOf);
      for (let s = 0; s < m.length; s++) m[s] = 1 - m[s]!;
      return m;
    }
    case 'field':
      return byCustomer(snap, 'country', asOf, (v) => textMatches(v, rule));
    case 'demographic':
      return byCustomer(snap, rule.field, asOf, (v) =>
        rule.op === 'in' ? v !== null && rule.values!.includes(v) : (v !== null) === (rule.op === 'is_set'),
      );
    case 'loyalty':
      return byCustomer(snap, 'loyalty_tier', asOf, (v) => v !== null && rule.tier!.includes(v));
    case 'value_tier':
      return byCustomer(snap, 'value_tier', asOf, (v) => v !== null && (rule.tiers as string[]).includes(v));
    case 'purchases':
      return purchases(snap, rule, asOf);
    case 'survey_score':
      return scores(snap, rule, asOf);
    default:
      throw new Error(`the snapshot cannot evaluate a ${rule.type} rule`);
  }
}

/** A customer-level test, decided once per distinct value (code) of the dimension, then looked up per slot. */
function byCustomer(
  snap: Snapshot,
  d: Dimension,
  asOf: Date,
  test: (v: string | null) => boolean,
): Uint8Array {
  const coder: Coder = coderOf(snap, d, { asOf, period: 'month', bands: [] });
  const allowed = new Uint8Array(coder.card);
  for (let c = 0; c < coder.card; c++) allowed[c] = test(c === 0 ? null : coder.raw(c)) ? 1 : 0;
  const out = new Uint8Array(snap.slots);
  for (let s = 0; s < out.length; s++) out[s] = allowed[coder.codes(s)]!;
  return out;
}

/** SQL's text comparisons on a nullable column (compile.ts textPredicate). */
function textMatches(v: string | null, rule: Rule<'field'>): boolean {
  switch (rule.op) {
    case 'eq':
      return v !== null && v === rule.value;
    case 'neq':
      return v === null || v !== rule.value;
    case 'in':
      return v !== null && rule.values!.includes(v);
    case 'contains':
      return v?.includes(rule.value!) === true;
    case 'is_set':
      return v !== null;
    case 'is_not_set':
      return v === null;
  }
}

/** Per dictionary code + 1 (so null, −1, is index 0): 1 for the listed values; all ones when there is no list. */
function codesOf(dict: Dict, values: string[] | undefined): Uint8Array {
  const out = new Uint8Array(dict.size + 1).fill(values ? 0 : 1);
  if (values) for (const v of values) if (dict.find(v) !== undefined) out[dict.find(v)! + 1] = 1;
  return out;
}

const inRange = (n: number, r: Range | undefined) =>
  (r?.min === undefined || n >= r.min) && (r?.max === undefined || n <= r.max);

/** A bound in money units as cents: exact when it has at most two decimals (0.57 × 100 is 56.99999999999999). */
function cents(r: Range | undefined): Range | undefined {
  const c = (x: number | undefined) => {
    if (x === undefined) return undefined;
    const y = x * 100;
    return Math.abs(y - Math.round(y)) < 1e-6 ? Math.round(y) : y;
  };
  return r && { min: c(r.min), max: c(r.max) };
}

/** Matching purchases counted and summed per customer; none matching qualifies only when 0 is in both ranges. */
function purchases(snap: Snapshot, rule: Rule<'purchases'>, asOf: Date): Uint8Array {
  const category = codesOf(snap.dicts.category, rule.category);
  const product = codesOf(snap.dicts.product, rule.product);
  const from = rule.withinDays ? asOf.getTime() - rule.withinDays * DAY_MS : Number.NEGATIVE_INFINITY;
  const count = rule.count ?? { min: 1 };
  const total = cents(rule.total);
  const [start, len, ms, price] = [snap.pStart.data, snap.pLen.data, snap.pMs.data, snap.pCents.data];
  const [cat, prod] = [snap.purchase.category.data, snap.purchase.product.data];
  const out = new Uint8Array(snap.slots);
  for (let s = 0; s < out.length; s++) {
    let n = 0;
    let sum = 0;
    for (let i = start[s]!, end = i + len[s]!; i < end; i++) {
      if (ms[i]! < from || category[cat[i]! + 1] !== 1 || product[prod[i]! + 1] !== 1) continue;
      n++;
      sum += price[i]!;
    }
    out[s] = inRange(n, count) && inRange(sum, total) ? 1 : 0;
  }
  return out;
}

/** Has an answer of the metric with a score in range, within the window. */
function scores(snap: Snapshot, rule: Rule<'survey_score'>, asOf: Date): Uint8Array {
  const kind = SCORE_KINDS.indexOf(rule.metric);
  const from = rule.withinDays ? asOf.getTime() - rule.withinDays * DAY_MS : Number.NEGATIVE_INFINITY;
  const [start, len, ms, score, kinds] = [
    snap.aStart.data,
    snap.aLen.data,
    snap.aMs.data,
    snap.aScore.data,
    snap.aKind.data,
  ];
  const out = new Uint8Array(snap.slots);
  for (let s = 0; s < out.length; s++)
    for (let i = start[s]!, end = i + len[s]!; i < end; i++)
      if (kinds[i] === kind && ms[i]! >= from && inRange(score[i]!, rule.score)) {
        out[s] = 1;
        break;
      }
  return out;
}
