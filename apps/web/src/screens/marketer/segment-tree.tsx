// The segment builder's tree: nested all/any groups of conditions, each condition with pickers from the node's
// data and its validation message beside the field it is about ("Rule 2.5: choose an attribute").
import { ID_TYPE_INFO, ID_TYPES, type IdType } from '@concord/identity/id-types';
import { Button } from '../../ui/form.tsx';
import {
  AttributeKeyPick,
  AttributeValuePick,
  Choice,
  MultiPick,
  type SegmentOptions,
  TextInput,
} from './segment-pickers.tsx';
import {
  CONDITION_KINDS,
  type Condition,
  type Group,
  type Item,
  newCondition,
  newGroup,
} from './segment-rule.ts';

/** Item id → editor field ('' = the item as a whole) → message in words. */
export type ItemErrors = Map<string, Record<string, string>>;

interface TreeProps {
  options: SegmentOptions;
  errors: ItemErrors;
  onReplace: (id: string, next: Item | null) => void;
}

const MATCH: ['and' | 'or', string][] = [
  ['and', 'all of'],
  ['or', 'any of'],
];

export function GroupEditor({
  group,
  position,
  ...tree
}: TreeProps & { group: Group; position: string; onRemove?: () => void }) {
  const nested = position !== '';
  const name = nested ? `Group ${position}` : 'Top group';
  const add = (item: Item) => tree.onReplace(group.id, { ...group, items: [...group.items, item] });
  const error = tree.errors.get(group.id)?.rules ?? tree.errors.get(group.id)?.[''];
  return (
    <fieldset className={nested ? 'seg-group nested' : 'seg-group'} aria-label={name}>
      <div className="spread">
        <div className="row small">
          <span>{nested ? `Group ${position}: match` : 'Match'}</span>
          <select
            aria-label={`${name}: match all or any`}
            className="select select-inline"
            value={group.match}
            onChange={(e) => tree.onReplace(group.id, { ...group, match: e.target.value as 'and' | 'or' })}
          >
            {MATCH.map(([v, t]) => (
              <option key={v} value={v}>
                {t}
              </option>
            ))}
          </select>
          <span>these conditions</span>
          {nested ? <NegateBox item={group} label={name} onReplace={tree.onReplace} /> : null}
        </div>
        {nested ? (
          <Button size="sm" variant="ghost" icon="x" onClick={() => tree.onReplace(group.id, null)}>
            Remove group {position}
          </Button>
        ) : null}
      </div>
      {error ? (
        <p className="field-error" role="alert">
          {name}: {error.charAt(0).toLowerCase()}
          {error.slice(1)}
        </p>
      ) : null}
      <ol className="seg-items">
        {group.items.map((item, i) => {
          const at = nested ? `${position}.${i + 1}` : String(i + 1);
          return (
            <li key={item.id}>
              {item.kind === 'group' ? (
                <GroupEditor group={item} position={at} {...tree} />
              ) : (
                <ConditionEditor c={item} position={at} {...tree} />
              )}
            </li>
          );
        })}
      </ol>
      <div className="row">
        {CONDITION_KINDS.map((k) => (
          <Button key={k.kind} size="sm" icon="plus" onClick={() => add(newCondition(k.kind))}>
            {k.label}
          </Button>
        ))}
        <Button size="sm" icon="plus" onClick={() => add(newGroup(group.match === 'and' ? 'or' : 'and'))}>
          Group
        </Button>
      </div>
    </fieldset>
  );
}

function NegateBox({
  item,
  label,
  onReplace,
}: {
  item: Item;
  label: string;
  onReplace: TreeProps['onReplace'];
}) {
  return (
    <label className="check small">
      <input
        type="checkbox"
        aria-label={`${label}: exclude these`}
        checked={item.negate}
        onChange={(e) => onReplace(item.id, { ...item, negate: e.target.checked })}
      />
      exclude these
    </label>
  );
}

function ConditionEditor({ c, position, ...tree }: TreeProps & { c: Condition; position: string }) {
  const label = CONDITION_KINDS.find((k) => k.kind === c.kind)!.label;
  const name = `Rule ${position}`;
  const errors = tree.errors.get(c.id) ?? {};
  const set = (patch: Partial<Condition>) => tree.onReplace(c.id, { ...c, ...patch } as Condition);
  const ctl = (field: string, text: string) => ({
    id: `${c.id}-${field}`,
    label: text,
    error: errors[field],
  });
  return (
    <fieldset className="seg-condition" aria-label={`${name}: ${label}`}>
      <div className="spread">
        <div className="row">
          <strong>
            {name}: {label}
          </strong>
          <NegateBox item={c} label={name} onReplace={tree.onReplace} />
        </div>
        <Button size="sm" variant="ghost" icon="x" onClick={() => tree.onReplace(c.id, null)}>
          Remove rule {position}
        </Button>
      </div>
      {errors[''] ? <p className="field-error">{errors['']}</p> : null}
      <div className="grid-4">
        <ConditionFields c={c} set={set} ctl={ctl} options={tree.options} />
      </div>
    </fieldset>
  );
}

function ConditionFields({
  c,
  set,
  ctl,
  options,
}: {
  c: Condition;
  set: (patch: Partial<Condition>) => void;
  ctl: (field: string, label: string) => { id: string; label: string; error?: string | undefined };
  options: SegmentOptions;
}) {
  const days = (value: string) => (
    <TextInput
      {...ctl('withinDays', 'Within days')}
      type="number"
      value={value}
      onChange={(v) => set({ withinDays: v })}
    />
  );
  switch (c.kind) {
    case 'purchases':
      return (
        <>
          <MultiPick
            {...ctl('category', 'Category')}
            anyLabel="any category"
            options={options.categories}
            value={c.category}
            onChange={(v) => set({ category: v })}
          />
          <MultiPick
            {...ctl('product', 'Product')}
            anyLabel="any product"
            options={options.products}
            value={c.product}
            onChange={(v) => set({ product: v })}
          />
          {days(c.withinDays)}
          <TextInput
            {...ctl('minCount', 'At least (purchases)')}
            type="number"
            value={c.minCount}
            onChange={(v) => set({ minCount: v })}
          />
          <TextInput
            {...ctl('minTotal', 'Spent at least (€)')}
            type="number"
            value={c.minTotal}
            onChange={(v) => set({ minTotal: v })}
          />
        </>
      );
    case 'service_case':
      return (
        <>
          <Choice
            {...ctl('state', 'State')}
            value={c.state}
            onChange={(v) => set({ state: v })}
            options={[
              ['any', 'any'],
              ['open', 'still open'],
              ['closed', 'closed'],
            ]}
          />
          <MultiPick
            {...ctl('product', 'Product')}
            anyLabel="any product"
            options={options.products}
            value={c.product}
            onChange={(v) => set({ product: v })}
          />
          {days(c.withinDays)}
        </>
      );
    case 'contact':
      return (
        <>
          <MultiPick
            {...ctl('channel', 'Channel')}
            anyLabel="any channel"
            options={options.channels}
            value={c.channel}
            onChange={(v) => set({ channel: v })}
          />
          <Choice
            {...ctl('direction', 'Direction')}
            value={c.direction}
            onChange={(v) => set({ direction: v })}
            options={[
              ['', 'either'],
              ['inbound', 'inbound'],
              ['outbound', 'outbound'],
            ]}
          />
          {days(c.withinDays)}
        </>
      );
    case 'field':
      return (
        <>
          <Choice
            {...ctl('field', 'Field')}
            value={c.field}
            onChange={(v) => set({ field: v })}
            options={[
              ['city', 'City'],
              ['postal_code', 'Postal code'],
              ['country', 'Country'],
            ]}
          />
          <TextInput
            {...ctl('value', 'Is (comma = any of)')}
            value={c.value}
            onChange={(v) => set({ value: v })}
          />
        </>
      );
    case 'has_identifier':
      return (
        <Choice
          {...ctl('identifier', 'Channel')}
          value={c.identifier}
          onChange={(v) => set({ identifier: v })}
          options={ID_TYPES.map((t) => [t, ID_TYPE_INFO[t].label] as [IdType, string])}
        />
      );
    case 'attribute': {
      const values = options.attributes.find((a) => a.key === c.key)?.values ?? null;
      return (
        <>
          <AttributeKeyPick
            {...ctl('key', 'Attribute')}
            value={c.key}
            options={options.attributes}
            onChange={(v) => set({ key: v, value: '' })}
          />
          <Choice
            {...ctl('op', 'Is')}
            value={c.op}
            onChange={(v) => set({ op: v })}
            options={[
              ['eq', 'equal to'],
              ['neq', 'not equal to'],
              ['gte', 'at least'],
              ['lte', 'at most'],
              ['is_set', 'set (any value)'],
            ]}
          />
          {c.op === 'is_set' ? null : (
            <AttributeValuePick
              {...ctl('value', 'Value')}
              value={c.value}
              values={values}
              numeric={c.op === 'gte' || c.op === 'lte'}
              onChange={(v) => set({ value: v })}
            />
          )}
        </>
      );
    }
  }
}
