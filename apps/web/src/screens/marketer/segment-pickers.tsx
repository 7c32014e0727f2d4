// Pickers for the segment builder, fed from the node's own data (segments.options): choose categories, products,
// channels and attributes instead of typing them. Native selects and buttons, so all of it works by keyboard.
import type { ReactNode } from 'react';
import type { RouterOutputs } from '../../trpc.ts';
import { Field } from '../../ui/form.tsx';

export type SegmentOptions = RouterOutputs['segments']['options'];
export const NO_OPTIONS: SegmentOptions = {
  categories: [],
  products: [],
  channels: [],
  outcomes: [],
  attributes: [],
};

/** Props every editor control shares: a unique id, its label and the (human) error shown under it. */
export interface ControlProps {
  id: string;
  label: string;
  error?: string | undefined;
}

const described = (id: string, error?: string) => (error ? `${id}-error` : undefined);

/** Choose any number of values from a list; chosen values show as removable chips; none chosen = "any". */
export function MultiPick({
  id,
  label,
  error,
  options,
  value,
  onChange,
  anyLabel,
}: ControlProps & {
  options: { value: string; count: number }[];
  value: string[];
  onChange: (next: string[]) => void;
  anyLabel: string;
}) {
  const left = options.filter((o) => !value.includes(o.value));
  return (
    <Field label={label} id={id} error={error}>
      <select
        id={id}
        className="select"
        value=""
        aria-invalid={error ? true : undefined}
        aria-describedby={described(id, error)}
        onChange={(e) => e.target.value && onChange([...value, e.target.value])}
      >
        <option value="">{value.length ? 'add another…' : anyLabel}</option>
        {left.map((o) => (
          <option key={o.value} value={o.value}>
            {o.value}
            {o.count ? ` (${o.count})` : ''}
          </option>
        ))}
      </select>
      {value.length ? (
        <ul className="chips" aria-label={`${label}: chosen`}>
          {value.map((v) => (
            <li key={v}>
              <button
                type="button"
                className="chip"
                aria-label={`Remove ${v}`}
                onClick={() => onChange(value.filter((x) => x !== v))}
              >
                {v} <span aria-hidden="true">×</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </Field>
  );
}

export function TextInput({
  id,
  label,
  error,
  value,
  onChange,
  type = 'text',
  placeholder,
}: ControlProps & { value: string; onChange: (v: string) => void; type?: string; placeholder?: string }) {
  return (
    <Field label={label} id={id} error={error}>
      <input
        id={id}
        className="input"
        type={type}
        value={value}
        placeholder={placeholder}
        aria-invalid={error ? true : undefined}
        aria-describedby={described(id, error)}
        onChange={(e) => onChange(e.target.value)}
      />
    </Field>
  );
}

export function Choice<V extends string>({
  id,
  label,
  error,
  value,
  onChange,
  options,
}: ControlProps & { value: V; onChange: (v: V) => void; options: [V, ReactNode][] }) {
  return (
    <Field label={label} id={id} error={error}>
      <select
        id={id}
        className="select"
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={described(id, error)}
        onChange={(e) => onChange(e.target.value as V)}
      >
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </Field>
  );
}

/** A choice of strings after a placeholder; a saved value no longer in the node's data stays choosable. */
function KeepingChoice({
  value,
  choices,
  placeholder,
  ...control
}: ControlProps & { value: string; onChange: (v: string) => void; choices: string[]; placeholder: string }) {
  const list = value && !choices.includes(value) ? [value, ...choices] : choices;
  return (
    <Choice
      {...control}
      value={value}
      options={[['', placeholder], ...list.map((v): [string, string] => [v, v])]}
    />
  );
}

/** The attribute key from the keys customers actually carry. */
export function AttributeKeyPick({
  options,
  ...control
}: ControlProps & { value: string; onChange: (v: string) => void; options: SegmentOptions['attributes'] }) {
  return (
    <KeepingChoice {...control} choices={options.map((a) => a.key)} placeholder="choose an attribute…" />
  );
}

/** The attribute value: a list when the key is categorical, free text (or a number) otherwise. */
export function AttributeValuePick({
  values,
  numeric,
  ...control
}: ControlProps & {
  value: string;
  onChange: (v: string) => void;
  values: { value: string }[] | null;
  numeric: boolean;
}) {
  if (numeric || !values) return <TextInput {...control} type={numeric ? 'number' : 'text'} />;
  return <KeepingChoice {...control} choices={values.map((v) => v.value)} placeholder="choose a value…" />;
}
