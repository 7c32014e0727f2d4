// The segment builder's editable tree (conditions inside nested all/any groups) and its translation to the node's
// rule AST (crm/segments/rule.ts). The tree maps one to one onto the AST — a group is always an and/or node, a
// negated item is wrapped in `not` — so a validation path like rule.rules.1.rules.4.key names condition "2.5".
import type { IdType } from '@concord/identity/id-types';
import type { RouterOutputs } from '../../trpc.ts';

// The saved segment's rule type is the AST (inputs are typed unknown because the schema is recursive).
export type SegmentRule = RouterOutputs['segments']['get']['rule'];

type Base = { id: string; negate: boolean };
export type Condition = Base &
  (
    | {
        kind: 'purchases';
        category: string[];
        product: string[];
        withinDays: string;
        minCount: string;
        minTotal: string;
      }
    | { kind: 'service_case'; state: 'open' | 'closed' | 'any'; product: string[]; withinDays: string }
    | { kind: 'contact'; channel: string[]; direction: '' | 'inbound' | 'outbound'; withinDays: string }
    | { kind: 'field'; field: 'city' | 'country' | 'postal_code'; value: string }
    | { kind: 'has_identifier'; identifier: IdType }
    | { kind: 'attribute'; key: string; op: AttributeOp; value: string }
  );
export type AttributeOp = 'eq' | 'neq' | 'gte' | 'lte' | 'is_set';
export interface Group extends Base {
  kind: 'group';
  match: 'and' | 'or';
  items: Item[];
}
export type Item = Condition | Group;

export const CONDITION_KINDS: { kind: Condition['kind']; label: string }[] = [
  { kind: 'purchases', label: 'Bought' },
  { kind: 'service_case', label: 'Had a service case' },
  { kind: 'contact', label: 'Was contacted' },
  { kind: 'field', label: 'Lives in' },
  { kind: 'has_identifier', label: 'Has on file' },
  { kind: 'attribute', label: 'Attribute' },
];

let counter = 0;
const nextId = () => `item-${++counter}`;

export function newCondition(kind: Condition['kind']): Condition {
  const base = { id: nextId(), negate: false };
  switch (kind) {
    case 'purchases':
      return { ...base, kind, category: [], product: [], withinDays: '365', minCount: '1', minTotal: '' };
    case 'service_case':
      return { ...base, kind, state: 'any', product: [], withinDays: '365' };
    case 'contact':
      return { ...base, kind, channel: [], direction: '', withinDays: '90' };
    case 'field':
      return { ...base, kind, field: 'city', value: '' };
    case 'has_identifier':
      return { ...base, kind, identifier: 'email' };
    case 'attribute':
      return { ...base, kind, key: '', op: 'eq', value: '' };
  }
}

export function newGroup(match: 'and' | 'or', items: Item[] = []): Group {
  return { id: nextId(), kind: 'group', negate: false, match, items };
}

const list = (s: string) =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
/** '' → left out; anything else → a number (NaN goes to the node as null and comes back as "enter a number"). */
const num = (s: string) => (s.trim() === '' ? undefined : Number(s));
const some = <K extends string>(key: K, values: string[]) =>
  (values.length ? { [key]: values } : {}) as Partial<Record<K, string[]>>;
const within = (s: string) => (num(s) === undefined ? {} : { withinDays: num(s) });

function conditionNode(c: Condition): SegmentRule {
  switch (c.kind) {
    case 'purchases': {
      const minTotal = num(c.minTotal);
      return {
        type: 'purchases',
        ...some('category', c.category),
        ...some('product', c.product),
        ...within(c.withinDays),
        count: { min: num(c.minCount) ?? 1 },
        ...(minTotal !== undefined ? { total: { min: minTotal } } : {}),
      };
    }
    case 'service_case':
      return { type: 'service_case', state: c.state, ...some('product', c.product), ...within(c.withinDays) };
    case 'contact':
      return {
        type: 'contact',
        ...some('channel', c.channel),
        ...(c.direction ? { direction: c.direction } : {}),
        ...within(c.withinDays),
      };
    case 'field': {
      const values = list(c.value);
      const one = c.field === 'country' ? c.value.trim().toUpperCase() : c.value.trim();
      return values.length > 1
        ? { type: 'field', field: c.field, op: 'in', values }
        : { type: 'field', field: c.field, op: 'eq', value: one };
    }
    case 'has_identifier':
      return { type: 'has_identifier', kind: c.identifier };
    case 'attribute':
      if (c.op === 'is_set') return { type: 'attribute', key: c.key.trim(), op: 'is_set' };
      return c.op === 'eq' || c.op === 'neq'
        ? { type: 'attribute', key: c.key.trim(), op: c.op, value: c.value }
        : { type: 'attribute', key: c.key.trim(), op: c.op, number: num(c.value) as number };
  }
}

function itemNode(item: Item): SegmentRule {
  const node: SegmentRule =
    item.kind === 'group' ? { type: item.match, rules: item.items.map(itemNode) } : conditionNode(item);
  return item.negate ? { type: 'not', rule: node } : node;
}

/** The AST of the whole tree; null while the top group is empty (nothing to count). */
export function toRule(root: Group): SegmentRule | null {
  if (root.items.length === 0) return null;
  return { type: root.match, rules: root.items.map(itemNode) };
}

/** Reads a saved rule back into a tree when every leaf has a builder editor; null for hand-written rules. */
export function fromRule(rule: SegmentRule): Group | null {
  const root = rule.type === 'and' || rule.type === 'or' ? rule : { type: 'and' as const, rules: [rule] };
  const items = root.rules.map(fromNode);
  if (items.some((i) => i === null)) return null;
  return newGroup(root.type, items as Item[]);
}

function fromNode(r: SegmentRule): Item | null {
  const negate = r.type === 'not';
  const n = r.type === 'not' ? r.rule : r;
  if (n.type === 'and' || n.type === 'or') {
    const items = n.rules.map(fromNode);
    if (items.some((i) => i === null)) return null;
    return { ...newGroup(n.type, items as Item[]), negate };
  }
  const c = fromLeaf(n);
  return c ? ({ ...c, id: nextId(), negate } as Condition) : null;
}

type Leaf = Condition extends infer C ? (C extends Condition ? Omit<C, 'id' | 'negate'> : never) : never;

function fromLeaf(n: SegmentRule): Leaf | null {
  const s = (v: number | undefined) => (v === undefined ? '' : String(v));
  switch (n.type) {
    case 'purchases':
      if (n.count?.max !== undefined || n.total?.max !== undefined) return null;
      return {
        kind: 'purchases',
        category: n.category ?? [],
        product: n.product ?? [],
        withinDays: s(n.withinDays),
        minCount: s(n.count?.min),
        minTotal: s(n.total?.min),
      };
    case 'service_case':
      if (n.outcome) return null;
      return { kind: 'service_case', state: n.state, product: n.product ?? [], withinDays: s(n.withinDays) };
    case 'contact':
      return {
        kind: 'contact',
        channel: n.channel ?? [],
        direction: n.direction ?? '',
        withinDays: s(n.withinDays),
      };
    case 'field':
      if (n.field !== 'city' && n.field !== 'country' && n.field !== 'postal_code') return null;
      if (n.op !== 'eq' && n.op !== 'in') return null;
      return { kind: 'field', field: n.field, value: n.values?.join(', ') ?? n.value ?? '' };
    case 'has_identifier':
      return { kind: 'has_identifier', identifier: n.kind };
    case 'attribute':
      if (n.op === 'is_set') return { kind: 'attribute', key: n.key, op: 'is_set', value: '' };
      if (n.op !== 'eq' && n.op !== 'neq' && n.op !== 'gte' && n.op !== 'lte') return null;
      return {
        kind: 'attribute',
        key: n.key,
        op: n.op,
        value: n.op === 'eq' || n.op === 'neq' ? (n.value ?? '') : s(n.number),
      };
    default:
      return null;
  }
}

/** Replaces the item `id` anywhere in the tree (or removes it when `next` is null). */
export function replaceItem(group: Group, id: string, next: Item | null): Group {
  const items: Item[] = [];
  for (const item of group.items) {
    if (item.id === id) {
      if (next) items.push(next);
    } else items.push(item.kind === 'group' ? replaceItem(item, id, next) : item);
  }
  return { ...group, items };
}

/**
 * The position label of every item ("2.5") keyed by id, matching the node's validation paths, and the reverse:
 * the item named by a path like rule.rules.1.rules.4.key, with the field it points at.
 */
export function itemAt(
  root: Group,
  path: readonly (string | number)[],
): { item: Item; field: string } | null {
  let items = root.items;
  let found: Item | null = null;
  let i = path[0] === 'patch' ? 2 : 1;
  while (path[i] === 'rules' && typeof path[i + 1] === 'number') {
    found = items[path[i + 1] as number] ?? null;
    if (!found) return null;
    i += 2;
    if (path[i] === 'rule') i += 1;
    if (found.kind !== 'group') break;
    items = found.items;
  }
  if (!found) return null;
  return { item: found, field: String(path[i] ?? '') };
}
