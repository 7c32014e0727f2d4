// The fields of one segment condition, one small editor per condition kind, fed from the node's own data.
import { ID_TYPE_INFO, ID_TYPES, type IdType } from '@concord/identity/id-types';
import {
  AttributeKeyPick,
  AttributeValuePick,
  Choice,
  type ControlProps,
  MultiPick,
  type SegmentOptions,
  TextInput,
} from './segment-pickers.tsx';
import type { AttributeOp, Condition } from './segment-rule.ts';

type Of<K extends Condition['kind']> = Extract<Condition, { kind: K }>;

interface FieldsProps<C> {
  c: C;
  set: (patch: Partial<C>) => void;
  /** The id, label and error of the control editing `field`. */
  ctl: (field: string, label: string) => ControlProps;
  options: SegmentOptions;
}

const CASE_STATES: [Of<'service_case'>['state'], string][] = [
  ['any', 'any'],
  ['open', 'still open'],
  ['closed', 'closed'],
];
const DIRECTIONS: [Of<'contact'>['direction'], string][] = [
  ['', 'either'],
  ['inbound', 'inbound'],
  ['outbound', 'outbound'],
];
const PROFILE_FIELDS: [Of<'field'>['field'], string][] = [
  ['city', 'City'],
  ['postal_code', 'Postal code'],
  ['country', 'Country'],
];
const ATTRIBUTE_OPS: [AttributeOp, string][] = [
  ['eq', 'equal to'],
  ['neq', 'not equal to'],
  ['gte', 'at least'],
  ['lte', 'at most'],
  ['is_set', 'set (any value)'],
];
const IDENTIFIERS = ID_TYPES.map((t) => [t, ID_TYPE_INFO[t].label] as [IdType, string]);

export function ConditionFields(props: FieldsProps<Condition>) {
  const { c } = props;
  // Each case narrows `c`; `set` accepts a patch of any kind, so it fits every narrower editor.
  switch (c.kind) {
    case 'purchases':
      return <PurchaseFields {...props} c={c} />;
    case 'service_case':
      return <ServiceCaseFields {...props} c={c} />;
    case 'contact':
      return <ContactFields {...props} c={c} />;
    case 'field':
      return <ProfileFieldFields {...props} c={c} />;
    case 'has_identifier':
      return (
        <Choice
          {...props.ctl('identifier', 'Channel')}
          value={c.identifier}
          onChange={(v) => props.set({ identifier: v })}
          options={IDENTIFIERS}
        />
      );
    case 'attribute':
      return <AttributeFields {...props} c={c} />;
  }
}

/** The product picker and the "within days" box that several kinds share. */
function ProductPick({ c, set, ctl, options }: FieldsProps<{ product: string[] }>) {
  return (
    <MultiPick
      {...ctl('product', 'Product')}
      anyLabel="any product"
      options={options.products}
      value={c.product}
      onChange={(v) => set({ product: v })}
    />
  );
}

function DaysInput({ c, set, ctl }: FieldsProps<{ withinDays: string }>) {
  return (
    <TextInput
      {...ctl('withinDays', 'Within days')}
      type="number"
      value={c.withinDays}
      onChange={(v) => set({ withinDays: v })}
    />
  );
}

function PurchaseFields(props: FieldsProps<Of<'purchases'>>) {
  const { c, set, ctl, options } = props;
  return (
    <>
      <MultiPick
        {...ctl('category', 'Category')}
        anyLabel="any category"
        options={options.categories}
        value={c.category}
        onChange={(v) => set({ category: v })}
      />
      <ProductPick {...props} />
      <DaysInput {...props} />
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
}

function ServiceCaseFields(props: FieldsProps<Of<'service_case'>>) {
  const { c, set, ctl } = props;
  return (
    <>
      <Choice
        {...ctl('state', 'State')}
        value={c.state}
        onChange={(v) => set({ state: v })}
        options={CASE_STATES}
      />
      <ProductPick {...props} />
      <DaysInput {...props} />
    </>
  );
}

function ContactFields(props: FieldsProps<Of<'contact'>>) {
  const { c, set, ctl, options } = props;
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
        options={DIRECTIONS}
      />
      <DaysInput {...props} />
    </>
  );
}

function ProfileFieldFields({ c, set, ctl }: FieldsProps<Of<'field'>>) {
  return (
    <>
      <Choice
        {...ctl('field', 'Field')}
        value={c.field}
        onChange={(v) => set({ field: v })}
        options={PROFILE_FIELDS}
      />
      <TextInput
        {...ctl('value', 'Is (comma = any of)')}
        value={c.value}
        onChange={(v) => set({ value: v })}
      />
    </>
  );
}

function AttributeFields({ c, set, ctl, options }: FieldsProps<Of<'attribute'>>) {
  const values = options.attributes.find((a) => a.key === c.key)?.values ?? null;
  return (
    <>
      <AttributeKeyPick
        {...ctl('key', 'Attribute')}
        value={c.key}
        options={options.attributes}
        onChange={(v) => set({ key: v, value: '' })}
      />
      <Choice {...ctl('op', 'Is')} value={c.op} onChange={(v) => set({ op: v })} options={ATTRIBUTE_OPS} />
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
