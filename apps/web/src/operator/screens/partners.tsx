// Operator › Partners: invite a partner (one-time code bound to name + industry), the registry with disable /
// enable and rotation by re-invitation, and the open invitations. No credential or key is ever shown.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { z } from 'zod';
import { Can } from '../../ability.tsx';
import { INDUSTRIES, industryLabel } from '../../labels.ts';
import { Button, SelectField, TextField, useZodForm } from '../../ui/form.tsx';
import { Badge, Card, fmtDateTime, Page } from '../../ui/layout.tsx';
import { ErrorNote, QueryState } from '../../ui/states.tsx';
import { Table } from '../../ui/table.tsx';
import { useToast } from '../../ui/toast.tsx';
import { type OperatorOutputs, useOperatorTRPC } from '../trpc.ts';
import { InvitationsCard } from './invitations.tsx';
import { type IssuedCode, OneTimeCode } from './one-time-code.tsx';

type Partner = OperatorOutputs['operator']['listPartners']['partners'][number];

const InviteForm = z.object({
  name: z.string().trim().min(1, "Enter the partner's company name").max(120),
  industry: z.enum(INDUSTRIES, 'Choose an industry'),
});

function useRefreshRegistry() {
  const trpc = useOperatorTRPC();
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.operator.listPartners.queryKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.operator.listInvitations.queryKey() }),
    ]);
}

export function PartnersScreen() {
  const [issued, setIssued] = useState<IssuedCode | null>(null);
  return (
    <Page
      title="Partners"
      subtitle="Companies whose nodes may use this clean room. Each joins with a one-time invitation code; its credential goes straight to its node."
    >
      {issued ? <OneTimeCode issued={issued} /> : null}
      <Can I="create" a="Invitation">
        <InviteCard onIssued={setIssued} />
      </Can>
      <RegistryCard onIssued={setIssued} />
      <InvitationsCard />
    </Page>
  );
}

function InviteCard({ onIssued }: { onIssued: (issued: IssuedCode) => void }) {
  const trpc = useOperatorTRPC();
  const refresh = useRefreshRegistry();
  const form = useZodForm(InviteForm, { name: '', industry: 'retail' });
  const invite = useMutation(
    trpc.operator.invite.mutationOptions({
      onSuccess: async (r) => {
        form.setAll({ name: '', industry: 'retail' });
        onIssued({
          name: r.invitation.name,
          code: r.code,
          expiresAt: r.invitation.expiresAt,
          reason: 'invited',
        });
        await refresh();
      },
      onError: (e) => form.showServerError(e),
    }),
  );
  return (
    <Card
      title="Invite a partner"
      hint="The code is bound to this name and industry and works once, for 7 days."
    >
      <form
        className="row"
        style={{ gap: 12, alignItems: 'end' }}
        onSubmit={form.submit((d) => invite.mutate(d))}
        noValidate
      >
        <TextField form={form} name="name" label="Partner name" autoComplete="off" />
        <SelectField
          form={form}
          name="industry"
          label="Industry"
          options={INDUSTRIES.map((i) => ({ value: i, label: industryLabel(i) }))}
        />
        <Button type="submit" variant="primary" icon="plus" busy={invite.isPending}>
          Create invitation
        </Button>
      </form>
      {invite.isError ? <ErrorNote error={invite.error} /> : null}
    </Card>
  );
}

/** Disable / enable and rotation for one partner; rotation shows the new one-time code above the registry. */
function usePartnerActions(onIssued: (issued: IssuedCode) => void) {
  const trpc = useOperatorTRPC();
  const toast = useToast();
  const refresh = useRefreshRegistry();
  const setStatus = useMutation(
    trpc.operator.setPartnerStatus.mutationOptions({
      onSuccess: async (r) => {
        await refresh();
        toast(`${r.partner.name} is ${r.partner.status === 'active' ? 'enabled' : 'disabled'}`);
      },
    }),
  );
  const reissue = useMutation(
    trpc.operator.reissue.mutationOptions({
      onSuccess: async (r) => {
        onIssued({
          name: r.invitation.name,
          code: r.code,
          expiresAt: r.invitation.expiresAt,
          reason: 'rotated',
        });
        await refresh();
      },
    }),
  );
  const render = (p: Partner) => (
    <Can I="update" a="Partner">
      <div className="row" style={{ gap: 6, justifyContent: 'flex-end' }}>
        <Button
          size="sm"
          variant={p.status === 'active' ? 'danger' : 'secondary'}
          aria-label={`${p.status === 'active' ? 'Disable' : 'Enable'} ${p.name}`}
          busy={setStatus.isPending && setStatus.variables?.partnerId === p.id}
          onClick={() =>
            setStatus.mutate({ partnerId: p.id, status: p.status === 'active' ? 'disabled' : 'active' })
          }
        >
          {p.status === 'active' ? 'Disable' : 'Enable'}
        </Button>
        <Button
          size="sm"
          icon="key"
          aria-label={`Rotate the credential of ${p.name}`}
          busy={reissue.isPending && reissue.variables?.partnerId === p.id}
          onClick={() => reissue.mutate({ partnerId: p.id })}
        >
          Rotate credential
        </Button>
      </div>
    </Can>
  );
  return { setStatus, reissue, render };
}

function RegistryCard({ onIssued }: { onIssued: (issued: IssuedCode) => void }) {
  const trpc = useOperatorTRPC();
  const partners = useQuery(trpc.operator.listPartners.queryOptions());
  const { setStatus, reissue, render: actions } = usePartnerActions(onIssued);
  return (
    <Card title="Registry" flush>
      {setStatus.isError ? <ErrorNote error={setStatus.error} /> : null}
      {reissue.isError ? <ErrorNote error={reissue.error} /> : null}
      <QueryState query={partners} rows={3}>
        {(d) => (
          <Table
            rows={d.partners}
            rowKey={(p) => p.id}
            caption="Partners registered at this clean room"
            testId="partners-table"
            columns={[
              { key: 'name', header: 'Partner', cell: (p) => <strong>{p.name}</strong> },
              { key: 'industry', header: 'Industry', cell: (p) => industryLabel(p.industry) },
              {
                key: 'status',
                header: 'Status',
                cell: (p) => <Badge tone={p.status === 'active' ? 'ok' : 'danger'}>{p.status}</Badge>,
              },
              { key: 'since', header: 'Registered', cell: (p) => fmtDateTime(p.createdAt) },
              { key: 'actions', header: <span className="sr-only">Actions</span>, cell: actions },
            ]}
          />
        )}
      </QueryState>
    </Card>
  );
}
