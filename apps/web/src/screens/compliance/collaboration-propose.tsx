// Compliance › Collaborations › Propose: partners, purposes and the release policy of a new collaboration.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ProposeCollaborationForm } from '../../forms.ts';
import { industryLabel, PURPOSES } from '../../labels.ts';
import { type RouterOutputs, useTRPC } from '../../trpc.ts';
import { Field, FormActions, TextField, useZodForm } from '../../ui/form.tsx';
import { Card } from '../../ui/layout.tsx';
import { ErrorNote, Loading } from '../../ui/states.tsx';
import { useToast } from '../../ui/toast.tsx';

interface Policy {
  kMin: number;
  crossSellLists: boolean;
  referralLists: boolean;
  epsilonBudget: number;
  minSegmentSize: number;
}
interface ProposeValues {
  partnerIds: string[];
  purposes: string[];
  policy: Policy;
  tokenMode: string;
}
type ProposeForm = ReturnType<typeof useProposeForm>['form'];

interface PartnersQuery {
  data?: RouterOutputs['collaborations']['partners'];
  isPending: boolean;
  isError: boolean;
  error: unknown;
}

function useProposeForm(onDone: () => void) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const inAYear = new Date(Date.now() + 365 * 86_400_000).toISOString().slice(0, 10);
  const form = useZodForm(ProposeCollaborationForm, {
    name: '',
    description: '',
    partnerIds: [],
    purposes: ['marketing.cross_sell.partner_offers', 'analytics.audience_overlap'],
    policy: { kMin: 50, crossSellLists: true, referralLists: false, epsilonBudget: 10, minSegmentSize: 100 },
    tokenMode: 'hmac',
    expiresAt: inAYear,
  });
  const propose = useMutation(
    trpc.collaborations.propose.mutationOptions({
      onSuccess: async (c) => {
        await queryClient.invalidateQueries({ queryKey: trpc.collaborations.pathKey() });
        toast(`Proposed ${c.name}; partners approve from their own nodes`);
        onDone();
      },
      onError: (e) => form.showServerError(e),
    }),
  );
  return { form, propose };
}

export function ProposeCollaboration({ partners, onDone }: { partners: PartnersQuery; onDone: () => void }) {
  const { form, propose } = useProposeForm(onDone);
  const v = form.values as ProposeValues;
  const toggle = (key: 'partnerIds' | 'purposes', id: string) =>
    form.set(key, v[key].includes(id) ? v[key].filter((x) => x !== id) : [...v[key], id]);
  return (
    <Card
      title="Propose a collaboration"
      hint="A fresh collaboration secret is generated here and wrapped for each partner; the clean room only relays ciphertext."
    >
      <form className="stack" onSubmit={form.submit((d) => propose.mutate(d))} noValidate>
        <div className="form-grid">
          <TextField form={form} name="name" label="Name" placeholder="Bank × Insurance cross-sell 2027" />
          <TextField form={form} name="expiresAt" label="Expires on" type="date" />
          <TextField form={form} name="description" label="Description" className="wide" />
        </div>
        <fieldset>
          <legend>Partners</legend>
          <PartnerChecks
            partners={partners}
            chosen={v.partnerIds}
            onToggle={(id) => toggle('partnerIds', id)}
          />
          <FieldsetError message={form.errors.partnerIds} />
        </fieldset>
        <fieldset>
          <legend>Purposes</legend>
          <div className="chip-row">
            {PURPOSES.map((p) => (
              <Check key={p.id} checked={v.purposes.includes(p.id)} onChange={() => toggle('purposes', p.id)}>
                {p.title}
              </Check>
            ))}
          </div>
          <FieldsetError message={form.errors.purposes} />
        </fieldset>
        <PolicyFields form={form} />
        <FormActions mutation={propose} submitLabel="Send proposal" onCancel={onDone} />
      </form>
    </Card>
  );
}

function FieldsetError({ message }: { message: string | undefined }) {
  return message ? <span className="field-error">{message}</span> : null;
}

function Check({
  checked,
  onChange,
  children,
}: {
  checked: boolean;
  onChange: (checked: boolean) => void;
  children: ReactNode;
}) {
  return (
    <label className="check">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      {children}
    </label>
  );
}

function PartnerChecks({
  partners,
  chosen,
  onToggle,
}: {
  partners: PartnersQuery;
  chosen: string[];
  onToggle: (id: string) => void;
}) {
  if (partners.isPending) return <Loading rows={2} />;
  if (partners.isError) return <ErrorNote error={partners.error} />;
  return (
    <div className="chip-row">
      {(partners.data ?? [])
        .filter((p) => !p.self)
        .map((p) => (
          <Check key={p.id} checked={chosen.includes(p.id)} onChange={() => onToggle(p.id)}>
            {p.name} <span className="muted">· {industryLabel(p.industry)}</span>
          </Check>
        ))}
    </div>
  );
}

/** k, minimum segment size, privacy budget, which lists may be released and how tokens are derived. */
function PolicyFields({ form }: { form: ProposeForm }) {
  const v = form.values as ProposeValues;
  const setPolicy = (patch: Partial<Policy>) => form.set('policy', { ...v.policy, ...patch });
  return (
    <div className="form-grid">
      <PolicyNumber
        form={form}
        field="kMin"
        label="Minimum group size (k)"
        min={2}
        hint="Counts or lists below this are never released."
      />
      <PolicyNumber
        form={form}
        field="minSegmentSize"
        label="Minimum segment size"
        min={1}
        hint="Smaller published segments cannot be matched."
      />
      <PolicyNumber
        form={form}
        field="epsilonBudget"
        label="Privacy budget (ε per requester)"
        min={0.1}
        step={0.1}
      />
      <div className="field">
        <span className="field-label">Lists</span>
        <Check checked={v.policy.crossSellLists} onChange={(on) => setPolicy({ crossSellLists: on })}>
          Cross-sell lists (requester's own members)
        </Check>
        <Check checked={v.policy.referralLists} onChange={(on) => setPolicy({ referralLists: on })}>
          Referral lists (delivered to the partner)
        </Check>
      </div>
      <div className="field">
        <span className="field-label">Token mode</span>
        <TokenModeRadio form={form} mode="hmac">
          HMAC with a collaboration key (recommended)
        </TokenModeRadio>
        <TokenModeRadio form={form} mode="sha256">
          Plain SHA-256 (interoperable, weaker)
        </TokenModeRadio>
      </div>
    </div>
  );
}

/** One numeric policy field. */
function PolicyNumber({
  form,
  field,
  label,
  min,
  step,
  hint,
}: {
  form: ProposeForm;
  field: 'kMin' | 'minSegmentSize' | 'epsilonBudget';
  label: string;
  min: number;
  step?: number;
  hint?: string;
}) {
  const v = form.values as ProposeValues;
  const id = form.idFor(`policy.${field}`);
  return (
    <Field label={label} id={id} error={form.errors[`policy.${field}`]} hint={hint}>
      <input
        id={id}
        className="input"
        type="number"
        min={min}
        step={step}
        value={v.policy[field]}
        onChange={(e) => form.set('policy', { ...v.policy, [field]: Number(e.target.value) })}
      />
    </Field>
  );
}

function TokenModeRadio({
  form,
  mode,
  children,
}: {
  form: ProposeForm;
  mode: 'hmac' | 'sha256';
  children: ReactNode;
}) {
  const v = form.values as ProposeValues;
  return (
    <label className="check">
      <input
        type="radio"
        name="tokenMode"
        checked={v.tokenMode === mode}
        onChange={() => form.set('tokenMode', mode)}
      />
      {children}
    </label>
  );
}
