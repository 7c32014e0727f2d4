// API tokens, shared by "My API tokens" (every role) and the admin's Credentials screen: a token is always issued
// by its holder for themselves and carries the holder's role; it is labelled as a token wherever it appears.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { CreateTokenForm } from '../../forms.ts';
import { useTRPC } from '../../trpc.ts';
import { CopyButton } from '../../ui/copy-button.tsx';
import { Button, TextField, useZodForm } from '../../ui/form.tsx';
import { Badge, Card, fmtDate, fmtDateTime } from '../../ui/layout.tsx';
import { ErrorNote, Notice, QueryState } from '../../ui/states.tsx';
import { Table } from '../../ui/table.tsx';
import { useToast } from '../../ui/toast.tsx';

/** The tokens the caller may see (own; all for an admin), with holder, carried role and a revoke button. */
export function TokenTable({ holderEmail }: { holderEmail?: (userId: string) => string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const tokens = useQuery(trpc.users.listTokens.queryOptions());
  const revoke = useMutation(
    trpc.users.revokeToken.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.users.listTokens.queryKey() });
        toast('Token revoked');
      },
    }),
  );
  return (
    <QueryState query={tokens}>
      {(rows) => (
        <Table
          caption="API tokens"
          testId="tokens-table"
          rows={rows}
          rowKey={(t) => t.id}
          columns={[
            {
              key: 'name',
              header: 'Token',
              cell: (t) => (
                <div>
                  <div style={{ fontWeight: 550 }}>
                    <Badge tone="neutral">API token</Badge> {t.name}
                  </div>
                  <code className="muted">{t.prefix}…</code>
                </div>
              ),
            },
            ...(holderEmail
              ? [
                  {
                    key: 'holder',
                    header: 'Holder (issued it)',
                    cell: (t: { userId: string }) => <span className="small">{holderEmail(t.userId)}</span>,
                  },
                ]
              : []),
            { key: 'role', header: 'Carries role', cell: (t) => <Badge tone="brand">{t.role}</Badge> },
            {
              key: 'used',
              header: 'Last used',
              cell: (t) => <span className="small">{fmtDateTime(t.lastUsedAt)}</span>,
            },
            {
              key: 'state',
              header: 'State',
              cell: (t) =>
                t.revokedAt ? (
                  <Badge tone="danger">revoked</Badge>
                ) : t.expiresAt ? (
                  <Badge tone="warn">until {fmtDate(t.expiresAt)}</Badge>
                ) : (
                  <Badge tone="ok">active</Badge>
                ),
            },
            {
              key: 'act',
              header: <span className="sr-only">Actions</span>,
              cell: (t) =>
                t.revokedAt ? null : (
                  <Button size="sm" variant="danger" onClick={() => revoke.mutate({ id: t.id })}>
                    Revoke
                  </Button>
                ),
            },
          ]}
        />
      )}
    </QueryState>
  );
}

/** Issues a token for the signed-in user; the secret is shown once. */
export function IssueOwnToken() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [secret, setSecret] = useState<string | null>(null);
  const form = useZodForm(CreateTokenForm, { name: '', expiresAt: null });
  const create = useMutation(
    trpc.users.createToken.mutationOptions({
      onSuccess: async (r) => {
        await queryClient.invalidateQueries({ queryKey: trpc.users.listTokens.queryKey() });
        setSecret(r.token);
        form.setAll({ name: '', expiresAt: null });
      },
      onError: (e) => form.showServerError(e),
    }),
  );
  return (
    <Card
      title="Issue a token for yourself"
      hint="The token carries your own role and nothing more; the audit log names you and this token for every change made with it."
    >
      {secret ? (
        <Notice tone="ok" title="Copy this token now — it is shown only once">
          <div className="secret" style={{ marginTop: 6 }} data-testid="new-token">
            {secret}
          </div>
          <div style={{ marginTop: 8 }}>
            <CopyButton value={secret} label="Copy token" />
          </div>
        </Notice>
      ) : null}
      <form className="stack" onSubmit={form.submit((d) => create.mutate(d))} noValidate>
        <TextField form={form} name="name" label="Name" placeholder="nightly import" />
        <TextField form={form} name="expiresAt" label="Expires (optional)" type="date" emptyAsNull />
        {create.isError ? <ErrorNote error={create.error} /> : null}
        <Button type="submit" variant="primary" icon="key" busy={create.isPending}>
          Issue token
        </Button>
      </form>
    </Card>
  );
}
