// Forms validated in the browser with the same zod schemas the server uses; labelled, keyboard-usable controls.
import {
  type ButtonHTMLAttributes,
  type FormEvent,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  useId,
  useState,
} from 'react';
import type { z } from 'zod';
import { describeError, fieldMessages } from '../errors.ts';
import { Icon, type IconName } from './icons.tsx';
import { ErrorNote } from './states.tsx';

type Values = Record<string, unknown>;

export interface ZodForm<V extends Values, O = unknown> {
  values: V;
  errors: Record<string, string>;
  set: <K extends keyof V>(name: K, value: V[K]) => void;
  setAll: (values: V) => void;
  /** Validates with the schema; calls onValid with the parsed output, or shows field errors. */
  submit: (onValid: (data: O) => void) => (event: FormEvent) => void;
  /** Shows validation issues the server returned (same paths as the schema). */
  showServerError: (error: unknown) => void;
  idFor: (name: string) => string;
}

export function useZodForm<S extends z.ZodType>(schema: S, initial: z.input<S> & Values) {
  type V = z.input<S> & Values;
  const base = useId();
  const [values, setValues] = useState<V>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const idFor = (name: string) => `${base}-${name}`;
  return {
    values,
    errors,
    idFor,
    set: (name, value) => {
      setValues((v) => ({ ...v, [name]: value }));
      setErrors((e) => {
        if (!((name as string) in e)) return e;
        const { [name as string]: _gone, ...rest } = e;
        return rest;
      });
    },
    setAll: setValues,
    submit: (onValid: (data: z.output<S>) => void) => (event: FormEvent) => {
      event.preventDefault();
      const result = schema.safeParse(values);
      if (!result.success) {
        const next = fieldMessages(result.error.issues);
        setErrors(next);
        const first = Object.keys(next)[0];
        if (first) document.getElementById(idFor(first))?.focus();
        return;
      }
      setErrors({});
      onValid(result.data);
    },
    showServerError: (error: unknown) => {
      const fields = describeError(error).fields;
      if (Object.keys(fields).length) setErrors(fields);
    },
  } as ZodForm<V, z.output<S>>;
}

export function Field({
  label,
  hint,
  error,
  id,
  children,
  className,
}: {
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  id: string;
  children: ReactNode;
  className?: string;
}) {
  return (
    <div className={`field ${className ?? ''}`}>
      <label htmlFor={id}>{label}</label>
      {children}
      {error ? (
        <span className="field-error" id={`${id}-error`}>
          {error}
        </span>
      ) : hint ? (
        <span className="field-hint" id={`${id}-hint`}>
          {hint}
        </span>
      ) : null}
    </div>
  );
}

function describedBy(id: string, error?: string, hint?: ReactNode) {
  return error ? `${id}-error` : hint ? `${id}-hint` : undefined;
}

export function TextField<V extends Values>({
  form,
  name,
  label,
  hint,
  className,
  emptyAsNull,
  ...input
}: {
  form: ZodForm<V, any>;
  name: keyof V & string;
  label: ReactNode;
  hint?: ReactNode;
  className?: string;
  /** An emptied field means "no value" (null), e.g. an optional date. */
  emptyAsNull?: boolean;
} & Omit<InputHTMLAttributes<HTMLInputElement>, 'form' | 'name' | 'value' | 'onChange'>) {
  const id = form.idFor(name);
  const error = form.errors[name];
  const raw = form.values[name];
  const numeric = input.type === 'number';
  return (
    <Field label={label} hint={hint} error={error} id={id} className={className}>
      <input
        id={id}
        name={name}
        className="input"
        value={raw === undefined || raw === null ? '' : String(raw)}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        onChange={(e) => {
          const v = e.target.value;
          const empty = emptyAsNull ? null : undefined;
          form.set(
            name,
            (v === '' && (numeric || emptyAsNull) ? empty : numeric ? Number(v) : v) as V[typeof name],
          );
        }}
        {...input}
      />
    </Field>
  );
}

export function SelectField<V extends Values>({
  form,
  name,
  label,
  hint,
  options,
  className,
  ...select
}: {
  form: ZodForm<V, any>;
  name: keyof V & string;
  label: ReactNode;
  hint?: ReactNode;
  options: readonly { value: string; label: string }[];
  className?: string;
} & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'form' | 'name' | 'value' | 'onChange'>) {
  const id = form.idFor(name);
  const error = form.errors[name];
  return (
    <Field label={label} hint={hint} error={error} id={id} className={className}>
      <select
        id={id}
        name={name}
        className="select"
        value={String(form.values[name] ?? '')}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, error, hint)}
        onChange={(e) => form.set(name, e.target.value as V[typeof name])}
        {...select}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Field>
  );
}

/** A labelled select outside any form: a screen's scope, measure or dimension. */
export function PickField<V extends string>({
  id,
  label,
  value,
  onChange,
  options,
}: {
  id: string;
  label: ReactNode;
  value: V;
  onChange: (value: V) => void;
  /** Each choice: its value and its words. */
  options: readonly (readonly [V, string])[];
}) {
  return (
    <Field label={label} id={id}>
      <select id={id} className="select" value={value} onChange={(e) => onChange(e.target.value as V)}>
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </select>
    </Field>
  );
}

export function Button({
  variant = 'secondary',
  size,
  busy,
  icon,
  children,
  disabled,
  type = 'button',
  ...rest
}: {
  variant?: 'primary' | 'secondary' | 'danger' | 'ghost';
  size?: 'sm';
  busy?: boolean;
  icon?: IconName;
} & ButtonHTMLAttributes<HTMLButtonElement>) {
  return (
    <button
      type={type}
      className={`btn btn-${variant}${size ? ` btn-${size}` : ''}`}
      disabled={disabled || busy}
      aria-busy={busy || undefined}
      {...rest}
    >
      {busy ? <span className="spinner" aria-hidden="true" /> : icon ? <Icon name={icon} /> : null}
      {children}
    </button>
  );
}

/** The foot of a create/edit form: the mutation's error, a submit button busy while it runs, and Cancel. */
export function FormActions({
  mutation,
  submitLabel,
  onCancel,
}: {
  mutation: { isError: boolean; error: unknown; isPending: boolean };
  submitLabel: string;
  onCancel: () => void;
}) {
  return (
    <>
      {mutation.isError ? <ErrorNote error={mutation.error} /> : null}
      <div className="actions">
        <Button type="submit" variant="primary" busy={mutation.isPending}>
          {submitLabel}
        </Button>
        <Button variant="ghost" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </>
  );
}
