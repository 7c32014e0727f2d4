// Operator › Partners › Invitations: every code issued (never the code itself), its state, and revocation.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Can } from '../../ability.tsx';
import { industryLabel } from '../../labels.ts';
import { Button } from '../../ui/form.tsx';
import { Badge, Card, fmtDateTime, type Tone } from '../../ui/layout.tsx';
import { Empty, ErrorNote, QueryState } from '../../ui/states.tsx';
import { Table } from '../../ui/table.tsx';
import { useOperatorTRPC } from '../trpc.ts';

const TONE: Record<string, Tone> = { open: 'brand', redeemed: 'ok', expired: 'neutral', revoked: 'warn' };

export function InvitationsCard() {
  const trpc = useOperatorTRPC();
  const queryClient = useQueryClient();
  const invitations = useQuery(trpc.operator.listInvitations.queryOptions());
  const revoke = useMutation(
    trpc.operator.revokeInvitation.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.operator.listInvitations.queryKey() }),
    }),
  );
  return (
    <Card
      title="Invitations"
      hint="Codes are stored as SHA-256 digests: a lost code cannot be shown again, only revoked."
      flush
    >
      {revoke.isError ? <ErrorNote error={revoke.error} /> : null}
      <QueryState query={invitations} rows={2}>
        {(d) => (
          <Table
            rows={d.invitations}
            rowKey={(i) => i.id}
            caption="Invitation codes issued by the operator"
            testId="invitations-table"
            empty={<Empty title="No invitations yet" hint="Invite a partner above." />}
            columns={[
              { key: 'name', header: 'For', cell: (i) => i.name },
              { key: 'industry', header: 'Industry', cell: (i) => industryLabel(i.industry) },
              {
                key: 'status',
                header: 'State',
                cell: (i) => <Badge tone={TONE[i.status] ?? 'neutral'}>{i.status}</Badge>,
              },
              { key: 'created', header: 'Issued', cell: (i) => fmtDateTime(i.createdAt) },
              {
                key: 'until',
                header: 'Valid until / redeemed',
                cell: (i) => fmtDateTime(i.redeemedAt ?? i.expiresAt),
              },
              {
                key: 'actions',
                header: <span className="sr-only">Actions</span>,
                cell: (i) =>
                  i.status === 'open' ? (
                    <Can I="delete" a="Invitation">
                      <Button
                        size="sm"
                        aria-label={`Revoke the invitation for ${i.name}`}
                        busy={revoke.isPending && revoke.variables?.invitationId === i.id}
                        onClick={() => revoke.mutate({ invitationId: i.id })}
                      >
                        Revoke
                      </Button>
                    </Can>
                  ) : null,
              },
            ]}
          />
        )}
      </QueryState>
    </Card>
  );
}
