// Editing the working customer record: the same zod schema as customers.updateProfile, one human message per field
// (from the browser's check or from the node's answer), nothing typed is lost on a refusal.
import { CustomerProfileFields, SOCIAL_NETWORKS } from '@concord/node/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useId, useState } from 'react';
import { describeError } from '../../errors.ts';
import { titleCase } from '../../labels.ts';
import { type RouterOutputs, useTRPC } from '../../trpc.ts';
import { Button, Field, FormActions } from '../../ui/form.tsx';
import { useToast } from '../../ui/toast.tsx';

type Customer = RouterOutputs['customers']['get'];

interface Draft {
  firstName: string;
  lastName: string;
  street: string;
  postalCode: string;
  city: string;
  country: string;
  birthDate: string;
  emails: string;
  phones: string;
  tags: string;
  socialProfiles: { network: string; handle: string }[];
}

const TEXT_FIELDS = [
  ['firstName', 'First name'],
  ['lastName', 'Last name'],
  ['street', 'Street'],
  ['postalCode', 'Postal code'],
  ['city', 'City'],
  ['country', 'Country (2 letters)'],
  ['birthDate', 'Born (YYYY-MM-DD)'],
] as const;

function draftOf(c: Customer): Draft {
  return {
    firstName: c.firstName ?? '',
    lastName: c.lastName ?? '',
    street: c.street ?? '',
    postalCode: c.postalCode ?? '',
    city: c.city ?? '',
    country: c.country ?? '',
    birthDate: c.birthDate ?? '',
    emails: c.emails.join('\n'),
    phones: c.phones.join('\n'),
    tags: c.tags.join(', '),
    socialProfiles: c.socialProfiles.map((p) => ({ network: p.network, handle: p.handle })),
  };
}

const lines = (s: string) =>
  s
    .split(/[\n,;]+/)
    .map((v) => v.trim())
    .filter(Boolean);

function patchOf(d: Draft) {
  const text = (v: string) => (v.trim() === '' ? null : v);
  return {
    ...Object.fromEntries(TEXT_FIELDS.map(([k]) => [k, text(d[k])])),
    emails: lines(d.emails),
    phones: lines(d.phones),
    tags: lines(d.tags),
    socialProfiles: d.socialProfiles.filter((p) => p.handle.trim() !== ''),
  };
}

/** Issue path → form key: list fields show one message for the box, social rows per row and field. */
function fieldKey(path: readonly PropertyKey[]): string {
  const p = path[0] === 'patch' ? path.slice(1) : path;
  if (p[0] === 'socialProfiles' && p.length >= 3) return `socialProfiles.${String(p[1])}.${String(p[2])}`;
  return String(p[0] ?? 'form');
}

function errorsOf(issues: readonly { path: readonly PropertyKey[]; message: string }[]) {
  const out: Record<string, string> = {};
  for (const i of issues) out[fieldKey(i.path)] ??= i.message;
  return out;
}

export function ProfileForm({ customer, onDone }: { customer: Customer; onDone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const base = useId();
  const [draft, setDraft] = useState<Draft>(() => draftOf(customer));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const save = useMutation(
    trpc.customers.updateProfile.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.customers.pathKey() });
        toast('Customer saved');
        onDone();
      },
      onError: (err) => {
        const fields = describeError(err).fields;
        setErrors(errorsOf(Object.entries(fields).map(([k, message]) => ({ path: k.split('.'), message }))));
      },
    }),
  );
  const set = <K extends keyof Draft>(k: K, v: Draft[K]) => {
    setDraft((d) => ({ ...d, [k]: v }));
    setErrors(({ [k]: _gone, ...rest }) => rest);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const patch = patchOf(draft);
    const parsed = CustomerProfileFields.safeParse(patch);
    if (!parsed.success) {
      const next = errorsOf(parsed.error.issues);
      setErrors(next);
      document.getElementById(`${base}-${Object.keys(next)[0]}`)?.focus();
      return;
    }
    setErrors({});
    save.mutate({ id: customer.id, patch: parsed.data });
  };
  return (
    <form className="stack" onSubmit={submit} noValidate aria-label="Edit customer">
      <ProfileFields draft={draft} errors={errors} base={base} set={set} />
      <SocialRows draft={draft} setDraft={setDraft} errors={errors} base={base} />
      <FormActions mutation={save} submitLabel="Save customer" onCancel={onDone} />
    </form>
  );
}

/** The record's own fields (text, emails, phones, tags), each with its message from the browser or the node. */
function ProfileFields({
  draft,
  errors,
  base,
  set,
}: {
  draft: Draft;
  errors: Record<string, string>;
  base: string;
  set: <K extends keyof Draft>(k: K, v: Draft[K]) => void;
}) {
  const field = (k: string, label: ReactNode, control: (id: string, invalid: boolean) => ReactNode) => (
    <Field label={label} id={`${base}-${k}`} error={errors[k]} className={k === 'street' ? 'wide' : ''}>
      {control(`${base}-${k}`, Boolean(errors[k]))}
    </Field>
  );
  return (
    <div className="form-grid">
      {TEXT_FIELDS.map(([k, label]) =>
        field(k, label, (id, invalid) => (
          <input
            id={id}
            className="input"
            value={draft[k]}
            aria-invalid={invalid || undefined}
            onChange={(e) => set(k, e.target.value)}
          />
        )),
      )}
      {(
        [
          ['emails', 'Emails (one per line)'],
          ['phones', 'Phones (one per line)'],
        ] as const
      ).map(([k, label]) =>
        field(k, label, (id, invalid) => (
          <textarea
            id={id}
            className="textarea"
            rows={2}
            value={draft[k]}
            aria-invalid={invalid || undefined}
            onChange={(e) => set(k, e.target.value)}
          />
        )),
      )}
      {field('tags', 'Tags (comma separated)', (id, invalid) => (
        <input
          id={id}
          className="input"
          value={draft.tags}
          aria-invalid={invalid || undefined}
          onChange={(e) => set('tags', e.target.value)}
        />
      ))}
    </div>
  );
}

function SocialRows({
  draft,
  setDraft,
  errors,
  base,
}: {
  draft: Draft;
  setDraft: (f: (d: Draft) => Draft) => void;
  errors: Record<string, string>;
  base: string;
}) {
  const update = (i: number, p: Partial<Draft['socialProfiles'][number]>) =>
    setDraft((d) => ({
      ...d,
      socialProfiles: d.socialProfiles.map((x, j) => (j === i ? { ...x, ...p } : x)),
    }));
  return (
    <fieldset className="stack-sm" style={{ border: 0, padding: 0, margin: 0 }}>
      <legend className="small muted">Social profiles (contact channels)</legend>
      {draft.socialProfiles.map((p, i) => (
        <div className="form-grid" key={`${i}-${p.network}`} data-testid="social-row">
          <Field
            label="Network"
            id={`${base}-socialProfiles.${i}.network`}
            error={errors[`socialProfiles.${i}.network`]}
          >
            <select
              id={`${base}-socialProfiles.${i}.network`}
              className="select"
              value={p.network}
              onChange={(e) => update(i, { network: e.target.value })}
            >
              {SOCIAL_NETWORKS.map((n) => (
                <option key={n} value={n}>
                  {n === 'x' ? 'X' : titleCase(n)}
                </option>
              ))}
            </select>
          </Field>
          <Field
            label="Handle"
            id={`${base}-socialProfiles.${i}.handle`}
            error={errors[`socialProfiles.${i}.handle`]}
          >
            <input
              id={`${base}-socialProfiles.${i}.handle`}
              className="input"
              value={p.handle}
              placeholder="@handle"
              aria-invalid={errors[`socialProfiles.${i}.handle`] ? true : undefined}
              onChange={(e) => update(i, { handle: e.target.value })}
            />
          </Field>
          <div style={{ alignSelf: 'end' }}>
            <Button
              size="sm"
              variant="ghost"
              aria-label={`Remove ${p.network} profile`}
              onClick={() =>
                setDraft((d) => ({ ...d, socialProfiles: d.socialProfiles.filter((_, j) => j !== i) }))
              }
            >
              Remove
            </Button>
          </div>
        </div>
      ))}
      <div>
        <Button
          size="sm"
          icon="plus"
          onClick={() =>
            setDraft((d) => ({
              ...d,
              socialProfiles: [...d.socialProfiles, { network: 'instagram', handle: '' }],
            }))
          }
        >
          Add social profile
        </Button>
      </div>
    </fieldset>
  );
}
