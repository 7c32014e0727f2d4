// Admin › Credentials and keys: the node's public key for the clean room, and API tokens for the CLI.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { CreateTokenForm } from '../../forms.ts';
import { useTRPC } from '../../trpc.ts';
import { Button, SelectField, TextField, useZodForm } from '../../ui/form.tsx';
import { Badge, Card, fmtDate, fmtDateTime, Page } from '../../ui/layout.tsx';
import { ErrorNote, Notice, QueryState } from '../../ui/states.tsx';
import { Table } from '../../ui/table.tsx';
import { useToast } from '../../ui/toast.tsx';
import { CleanroomMembershipCard } from './cleanroom-membership.tsx';

export function CredentialsScreen() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const identity = useQuery(trpc.system.identity.queryOptions());
  const tokens = useQuery(trpc.users.listTokens.queryOptions());
  const users = useQuery(trpc.users.list.queryOptions());
  const [secret, setSecret] = useState<string | null>(null);
  const revoke = useMutation(
    trpc.users.revokeToken.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.users.listTokens.queryKey() });
        toast('Token revoked');
      },
    }),
  );
  const email = (id: string) => users.data?.find((u) => u.id === id)?.email ?? id.slice(0, 8);
  return (
    <Page
      title="Credentials and keys"
      subtitle="How this node proves who it is: its X25519 public key at the clean room, and API tokens for scripts and the CLI."
    >
      <Card
        title="Node identity"
        hint="Joining with an invitation code registers this public key at the clean room. The private key never leaves the node."
      >
        <QueryState query={identity} rows={2}>
          {(id) => (
            <dl className="kv">
              <dt>Company</dt>
              <dd>{id.name}</dd>
              <dt>Industry</dt>
              <dd>{id.industry}</dd>
              <dt>X25519 public key</dt>
              <dd>
                <div className="secret" data-testid="public-key">
                  {id.publicKey}
                </div>
              </dd>
            </dl>
          )}
        </QueryState>
      </Card>
      <CleanroomMembershipCard />
      {secret ? (
        <Notice tone="ok" title="Copy this token now — it is shown only once">
          <div className="secret" style={{ marginTop: 6 }} data-testid="new-token">
            {secret}
          </div>
        </Notice>
      ) : null}
      <div className="split">
        <Card title="API tokens" flush>
          <QueryState query={tokens}>
            {(rows) => (
              <Table
                caption="API tokens"
                rows={rows}
                rowKey={(t) => t.id}
                columns={[
                  {
                    key: 'name',
                    header: 'Token',
                    cell: (t) => (
                      <div>
                        <div style={{ fontWeight: 550 }}>{t.name}</div>
                        <code className="muted">{t.prefix}…</code>
                      </div>
                    ),
                  },
                  {
                    key: 'user',
                    header: 'Acts as',
                    cell: (t) => <span className="small">{email(t.userId)}</span>,
                  },
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
        </Card>
        <NewToken users={users.data ?? []} onCreated={setSecret} />
      </div>
    </Page>
  );
}

function NewToken({
  users,
  onCreated,
}: {
  users: { id: string; email: string }[];
  onCreated: (secret: string) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const form = useZodForm(CreateTokenForm, { userId: '', name: '', expiresAt: null });
  const create = useMutation(
    trpc.users.createToken.mutationOptions({
      onSuccess: async (r) => {
        await queryClient.invalidateQueries({ queryKey: trpc.users.listTokens.queryKey() });
        onCreated(r.token);
        form.setAll({ userId: '', name: '', expiresAt: null });
      },
      onError: (e) => form.showServerError(e),
    }),
  );
  return (
    <Card title="Issue a token">
      <form className="stack" onSubmit={form.submit((d) => create.mutate(d))} noValidate>
        <SelectField
          form={form}
          name="userId"
          label="Acts as"
          options={[
            { value: '', label: 'Choose a user…' },
            ...users.map((u) => ({ value: u.id, label: u.email })),
          ]}
        />
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
