// The segment builder's tree: nested all/any groups of conditions, each condition with pickers from the node's
// data and its validation message beside the field it is about ("Rule 2.5: choose an attribute").
import { Button } from '../../ui/form.tsx';
import { ConditionFields } from './segment-condition-fields.tsx';
import type { SegmentOptions } from './segment-pickers.tsx';
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
      <GroupHeader group={group} position={position} name={name} onReplace={tree.onReplace} />
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

/** "Match all/any of these conditions", the exclude box and (when nested) the remove button. */
function GroupHeader({
  group,
  position,
  name,
  onReplace,
}: {
  group: Group;
  position: string;
  name: string;
  onReplace: TreeProps['onReplace'];
}) {
  const nested = position !== '';
  return (
    <div className="spread">
      <div className="row small">
        <span>{nested ? `Group ${position}: match` : 'Match'}</span>
        <select
          aria-label={`${name}: match all or any`}
          className="select select-inline"
          value={group.match}
          onChange={(e) => onReplace(group.id, { ...group, match: e.target.value as 'and' | 'or' })}
        >
          {MATCH.map(([v, t]) => (
            <option key={v} value={v}>
              {t}
            </option>
          ))}
        </select>
        <span>these conditions</span>
        {nested ? <NegateBox item={group} label={name} onReplace={onReplace} /> : null}
      </div>
      {nested ? (
        <Button size="sm" variant="ghost" icon="x" onClick={() => onReplace(group.id, null)}>
          Remove group {position}
        </Button>
      ) : null}
    </div>
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
