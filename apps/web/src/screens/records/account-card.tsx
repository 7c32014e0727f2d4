// The record's working side: account manager (owner), tags and social profiles, with Edit for those who may.
// The node checks again; marketers change only customers they manage or nobody manages (docs/security.md).
import { rowSubject } from '@concord/access';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useAppAbility } from '../../ability.tsx';
import { titleCase } from '../../labels.ts';
import { type RouterOutputs, useTRPC } from '../../trpc.ts';
import { Button, Field } from '../../ui/form.tsx';
import { Badge, Card } from '../../ui/layout.tsx';
import { ErrorNote } from '../../ui/states.tsx';
import { useToast } from '../../ui/toast.tsx';

type Customer = RouterOutputs['customers']['get'];

/** Whether the signed-in user may change this record (the same CASL rule the node applies). */
export function useMayEdit(customer: Customer): boolean {
  const ability = useAppAbility();
  return ability.can('update', rowSubject('CustomerProfile', { ownerId: customer.ownerId }) as never);
}

export function AccountCard({ customer, onEdit }: { customer: Customer; onEdit: () => void }) {
  const mayEdit = useMayEdit(customer);
  return (
    <Card
      title="Account"
      hint={mayEdit ? undefined : 'Managed by another account manager: read-only for you.'}
      actions={
        mayEdit && !customer.deletedAt ? (
          <Button size="sm" icon="userCog" onClick={onEdit}>
            Edit
          </Button>
        ) : null
      }
    >
      <dl className="kv">
        <dt>Account manager</dt>
        <dd>
          <OwnerPicker customer={customer} mayEdit={mayEdit} />
        </dd>
        <dt>Tags</dt>
        <dd data-testid="customer-tags">
          {customer.tags.length === 0 ? (
            <span className="muted">none</span>
          ) : (
            <span className="chip-row">
              {customer.tags.map((t) => (
                <Badge key={t} tone="brand">
                  {t}
                </Badge>
              ))}
            </span>
          )}
        </dd>
        <dt>Social</dt>
        <dd data-testid="customer-social">
          {customer.socialProfiles.length === 0 ? (
            <span className="muted">none</span>
          ) : (
            customer.socialProfiles.map((p) => (
              <div key={`${p.network}-${p.handle}`}>
                {p.network === 'x' ? 'X' : titleCase(p.network)} <code>@{p.handle}</code>
              </div>
            ))
          )}
        </dd>
      </dl>
    </Card>
  );
}

function OwnerPicker({ customer, mayEdit }: { customer: Customer; mayEdit: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const managers = useQuery(trpc.customers.accountManagers.queryOptions(undefined, { staleTime: 60_000 }));
  const assign = useMutation(
    trpc.customers.assignOwner.mutationOptions({
      onSuccess: async (c) => {
        await queryClient.invalidateQueries({ queryKey: trpc.customers.pathKey() });
        const who = managers.data?.find((m) => m.id === c.ownerId);
        toast(who ? `Account manager: ${who.displayName ?? who.email}` : 'No account manager');
      },
    }),
  );
  const current = managers.data?.find((m) => m.id === customer.ownerId);
  const label = current
    ? (current.displayName ?? current.email)
    : customer.ownerId
      ? 'former user'
      : 'nobody';
  if (!mayEdit || customer.deletedAt) return <span data-testid="customer-owner">{label}</span>;
  return (
    <>
      <Field label={<span className="sr-only">Account manager</span>} id="owner-pick">
        <select
          id="owner-pick"
          className="select"
          data-testid="customer-owner"
          value={customer.ownerId ?? ''}
          disabled={assign.isPending}
          onChange={(e) => assign.mutate({ id: customer.id, ownerId: e.target.value || null })}
        >
          <option value="">— nobody —</option>
          {(managers.data ?? []).map((m) => (
            <option key={m.id} value={m.id}>
              {m.displayName ?? m.email}
            </option>
          ))}
        </select>
      </Field>
      {assign.isError ? <ErrorNote error={assign.error} /> : null}
    </>
  );
}
