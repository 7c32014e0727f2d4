// Opening a service case during a call, and closing one with its outcome (interactions.log / interactions.update).
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useTRPC } from '../../trpc.ts';
import { Button, Field } from '../../ui/form.tsx';
import { Card } from '../../ui/layout.tsx';
import { ErrorNote } from '../../ui/states.tsx';
import { useToast } from '../../ui/toast.tsx';

function useRefresh() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: trpc.customers.pathKey() });
}

export function OpenCaseForm({
  customerId,
  products,
  preset,
}: {
  customerId: string;
  products: string[];
  preset: string | null;
}) {
  const trpc = useTRPC();
  const refresh = useRefresh();
  const toast = useToast();
  const [product, setProduct] = useState(preset ?? products[0] ?? '');
  const [summary, setSummary] = useState('');
  const [error, setError] = useState<string | undefined>();
  const open = useMutation(
    trpc.interactions.log.mutationOptions({
      onSuccess: async () => {
        await refresh();
        setSummary('');
        toast('Service case opened');
      },
    }),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (summary.trim() === '') {
      setError('Describe the problem in a few words');
      document.getElementById('case-summary')?.focus();
      return;
    }
    setError(undefined);
    open.mutate({
      customerId,
      kind: 'service_case',
      occurredAt: new Date(),
      product: product || null,
      summary: summary.trim(),
    });
  };
  return (
    <Card title="Open a case">
      <form className="stack-sm" onSubmit={submit} noValidate>
        <Field label="Product" id="case-product">
          <select
            id="case-product"
            className="select"
            value={product}
            onChange={(e) => setProduct(e.target.value)}
          >
            {products.map((p) => (
              <option key={p}>{p}</option>
            ))}
            <option value="">No product</option>
          </select>
        </Field>
        <Field label="Problem" id="case-summary" error={error}>
          <textarea
            id="case-summary"
            className="textarea"
            rows={3}
            value={summary}
            aria-invalid={error ? true : undefined}
            onChange={(e) => setSummary(e.target.value)}
          />
        </Field>
        {open.isError ? <ErrorNote error={open.error} /> : null}
        <div>
          <Button type="submit" icon="wrench" busy={open.isPending}>
            Open case
          </Button>
        </div>
      </form>
    </Card>
  );
}

export function CloseCaseForm({ caseId, openedAt }: { caseId: string; openedAt: Date | string }) {
  const trpc = useTRPC();
  const refresh = useRefresh();
  const toast = useToast();
  const id = useId();
  const [outcome, setOutcome] = useState('');
  const [error, setError] = useState<string | undefined>();
  const close = useMutation(
    trpc.interactions.update.mutationOptions({
      onSuccess: async () => {
        await refresh();
        toast('Case closed');
      },
    }),
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (outcome.trim() === '') {
      setError('Say how it ended, e.g. “part replaced”');
      document.getElementById(`${id}-outcome`)?.focus();
      return;
    }
    setError(undefined);
    // Never before it was opened (the node refuses that): a clock skew between browser and node cannot break it.
    const closedAt = new Date(Math.max(Date.now(), new Date(openedAt).getTime()));
    close.mutate({ id: caseId, patch: { closedAt, outcome: outcome.trim() } });
  };
  return (
    <form className="row" style={{ gap: 8, marginTop: 8, alignItems: 'end' }} onSubmit={submit} noValidate>
      <Field label="Outcome" id={`${id}-outcome`} error={error}>
        <input
          id={`${id}-outcome`}
          className="input"
          value={outcome}
          aria-invalid={error ? true : undefined}
          onChange={(e) => setOutcome(e.target.value)}
        />
      </Field>
      <Button type="submit" size="sm" icon="check" busy={close.isPending}>
        Close case
      </Button>
      {close.isError ? <ErrorNote error={close.error} /> : null}
    </form>
  );
}
