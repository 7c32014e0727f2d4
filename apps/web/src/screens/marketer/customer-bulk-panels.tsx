// The input panels of the customers table's bulk actions: the tag to add, the account manager to assign. Each
// calls one node procedure for the whole selection (owner-checked per record there, all or nothing).
import { BulkAddTagInput, BulkAssignOwnerInput } from '@concord/node/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { hasFieldErrors } from '../../errors.ts';
import { type RouterOutputs, useTRPC } from '../../trpc.ts';
import type { BulkPanelProps } from '../../ui/bulk-actions.tsx';
import { Button, SelectField, TextField, useZodForm } from '../../ui/form.tsx';
import { fmtNumber } from '../../ui/layout.tsx';
import { ErrorNote } from '../../ui/states.tsx';

type Row = { id: string };
type Outcome = RouterOutputs['customers']['bulkAddTag'];

const TagForm = BulkAddTagInput.pick({ tag: true });
/** The picker's "nobody" option clears the owner (null); an unchosen picker fails with the server's message. */
const OwnerForm = z.object({
  ownerId: z.preprocess((v) => (v === NOBODY ? null : v), BulkAssignOwnerInput.shape.ownerId),
});
const NOBODY = 'none';

const customers = (n: number) => `${fmtNumber(n)} customer${n === 1 ? '' : 's'}`;

/** "Tagged 3 customers; 1 already had it; 1 has the most tags allowed." */
function summary(verb: string, o: Outcome, already: string): string {
  const parts = [`${verb} ${customers(o.changed)}`];
  if (o.unchanged) parts.push(`${customers(o.unchanged)} ${already}`);
  if (o.skipped) parts.push(`${customers(o.skipped)} skipped: already at the most tags allowed`);
  return `${parts.join('; ')}.`;
}

/** After a bulk change: refresh every customers query, close the panel and say what changed. */
function useFinish(onDone: BulkPanelProps<Row>['onDone'], describe: (o: Outcome) => string) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return async (o: Outcome) => {
    await queryClient.invalidateQueries({ queryKey: trpc.customers.pathKey() });
    onDone(describe(o));
  };
}

export function AddTagPanel({ rows, onDone }: BulkPanelProps<Row>) {
  const trpc = useTRPC();
  const form = useZodForm(TagForm, { tag: '' });
  const finish = useFinish(onDone, (o) => summary('Tagged', o, 'already had it'));
  const add = useMutation(
    trpc.customers.bulkAddTag.mutationOptions({ onSuccess: finish, onError: form.showServerError }),
  );
  return (
    <form
      className="bulk-form"
      onSubmit={form.submit((d) => add.mutate({ ids: rows.map((r) => r.id), tag: d.tag }))}
      noValidate
    >
      <TextField form={form} name="tag" label="Tag to add" autoFocus maxLength={40} />
      <Button type="submit" variant="primary" size="sm" busy={add.isPending}>
        Add tag to {customers(rows.length)}
      </Button>
      <Button size="sm" variant="ghost" onClick={() => onDone()}>
        Cancel
      </Button>
      {add.isError && !hasFieldErrors(add.error) ? (
        <div className="bulk-error">
          <ErrorNote error={add.error} />
        </div>
      ) : null}
    </form>
  );
}

export function AssignOwnerPanel({ rows, onDone }: BulkPanelProps<Row>) {
  const trpc = useTRPC();
  const managers = useQuery(trpc.customers.accountManagers.queryOptions(undefined, { staleTime: 60_000 }));
  const form = useZodForm(OwnerForm, { ownerId: '' });
  const finish = useFinish(onDone, (o) => summary('Assigned', o, 'already had that account manager'));
  const assign = useMutation(
    trpc.customers.bulkAssignOwner.mutationOptions({ onSuccess: finish, onError: form.showServerError }),
  );
  const options = [
    { value: '', label: '— choose —' },
    { value: NOBODY, label: 'Nobody (remove the account manager)' },
    ...(managers.data ?? []).map((m) => ({ value: m.id, label: m.displayName ?? m.email })),
  ];
  return (
    <form
      className="bulk-form"
      onSubmit={form.submit((d) => assign.mutate({ ids: rows.map((r) => r.id), ownerId: d.ownerId }))}
      noValidate
    >
      <SelectField form={form} name="ownerId" label="Account manager" options={options} />
      <Button type="submit" variant="primary" size="sm" busy={assign.isPending}>
        Assign to {customers(rows.length)}
      </Button>
      <Button size="sm" variant="ghost" onClick={() => onDone()}>
        Cancel
      </Button>
      {assign.isError && !hasFieldErrors(assign.error) ? (
        <div className="bulk-error">
          <ErrorNote error={assign.error} />
        </div>
      ) : null}
    </form>
  );
}
