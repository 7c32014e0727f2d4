// Admin › Users and roles: who can sign in to this node, with which role; disabling ends their sessions;
// lifting a sign-in pause (after repeated failures) and resetting another administrator's password (a compliance
// officer's or marketer's password is changed by that person: setting it would let an admin sign in as them).

import { ROLES } from '@concord/access';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { CreateUserForm, ResetPasswordForm } from '../../forms.ts';
import { useSession } from '../../session.tsx';
import { type RouterOutputs, useTRPC } from '../../trpc.ts';
import { Button, FormActions, SelectField, TextField, useZodForm } from '../../ui/form.tsx';
import { Badge, Card, fmtDate, Page } from '../../ui/layout.tsx';
import { ErrorNote, QueryState } from '../../ui/states.tsx';
import { type Column, Table } from '../../ui/table.tsx';
import { useRefreshThenToast } from '../../ui/toast.tsx';

type User = RouterOutputs['users']['list'][number];
type Role = (typeof ROLES)[number];

export const ROLE_LABEL: Record<string, string> = {
  admin: 'Administrator',
  compliance: 'Compliance officer',
  marketer: 'Marketer',
};

export function UsersScreen() {
  const [adding, setAdding] = useState(false);
  const [resetting, setResetting] = useState<User | null>(null);
  return (
    <Page
      title="Users and roles"
      subtitle="Marketers work with customers and partners, compliance officers decide what may be shared, administrators run the node."
      actions={
        <Button variant="primary" icon="plus" onClick={() => setAdding(true)}>
          Add user
        </Button>
      }
    >
      {adding ? <AddUser onDone={() => setAdding(false)} /> : null}
      {resetting ? <ResetPassword user={resetting} onDone={() => setResetting(null)} /> : null}
      <UsersTable onReset={setResetting} />
    </Page>
  );
}

/** Every user, with role changes, unlock, enable/disable and (for a peer) the password reset in the rows. */
function UsersTable({ onReset }: { onReset: (user: User) => void }) {
  const trpc = useTRPC();
  const done = useRefreshThenToast();
  const { user: me } = useSession();
  const users = useQuery(trpc.users.list.queryOptions());
  const unlock = useMutation(
    trpc.users.unlock.mutationOptions({
      onSuccess: (u) => done(trpc.users.pathKey(), `${u.email} can sign in again`),
    }),
  );
  const update = useMutation(
    trpc.users.update.mutationOptions({ onSuccess: (u) => done(trpc.users.pathKey(), `${u.email} updated`) }),
  );
  const columns: Column<User>[] = [
    {
      key: 'who',
      header: 'User',
      cell: (u) => (
        <div>
          <div style={{ fontWeight: 550 }}>{u.displayName || u.email}</div>
          {u.displayName ? <div className="small muted">{u.email}</div> : null}
        </div>
      ),
    },
    {
      key: 'role',
      header: 'Role',
      cell: (u) => (
        <RoleSelect
          user={u}
          disabled={u.id === me.id}
          onChange={(role) => update.mutate({ id: u.id, role })}
        />
      ),
    },
    {
      key: 'status',
      header: 'Status',
      cell: (u) => (
        <div className="row" style={{ gap: 6 }}>
          <Badge tone={u.disabled ? 'danger' : 'ok'}>{u.disabled ? 'disabled' : 'active'}</Badge>
          {u.lockedOut ? <Badge tone="warn">sign-in paused</Badge> : null}
        </div>
      ),
    },
    { key: 'since', header: 'Since', cell: (u) => <span className="small">{fmtDate(u.createdAt)}</span> },
    {
      key: 'act',
      header: <span className="sr-only">Actions</span>,
      cell: (u) => (
        <UserActions
          u={u}
          me={me}
          onUnlock={() => unlock.mutate({ id: u.id })}
          onReset={() => onReset(u)}
          onToggle={() => update.mutate({ id: u.id, disabled: !u.disabled })}
        />
      ),
    },
  ];
  return (
    <>
      {update.isError ? <ErrorNote error={update.error} /> : null}
      {unlock.isError ? <ErrorNote error={unlock.error} /> : null}
      <Card flush>
        <QueryState query={users}>
          {(rows) => (
            <Table caption="Users" testId="users-table" rows={rows} rowKey={(u) => u.id} columns={columns} />
          )}
        </QueryState>
      </Card>
    </>
  );
}

function RoleSelect({
  user,
  disabled,
  onChange,
}: {
  user: User;
  disabled: boolean;
  onChange: (role: Role) => void;
}) {
  return (
    <select
      className="select"
      style={{ height: 30, width: 190 }}
      aria-label={`Role of ${user.email}`}
      value={user.role}
      disabled={disabled}
      onChange={(e) => onChange(e.target.value as Role)}
    >
      {ROLES.map((r) => (
        <option key={r} value={r}>
          {ROLE_LABEL[r]}
        </option>
      ))}
    </select>
  );
}

function UserActions({
  u,
  me,
  onUnlock,
  onReset,
  onToggle,
}: {
  u: User;
  me: { id: string; role: string };
  onUnlock: () => void;
  onReset: () => void;
  onToggle: () => void;
}) {
  return (
    <div className="row" style={{ gap: 6, justifyContent: 'flex-end' }}>
      {u.lockedOut ? (
        <Button size="sm" variant="secondary" onClick={onUnlock}>
          Unlock
        </Button>
      ) : null}
      {/* Separation of duties: only a peer's password is set here; others change their own. */}
      {u.role === me.role ? (
        <Button size="sm" variant="secondary" onClick={onReset}>
          Reset password
        </Button>
      ) : null}
      {u.id === me.id ? (
        <span className="small muted">you</span>
      ) : (
        <Button size="sm" variant={u.disabled ? 'secondary' : 'danger'} onClick={onToggle}>
          {u.disabled ? 'Enable' : 'Disable'}
        </Button>
      )}
    </div>
  );
}

function AddUser({ onDone }: { onDone: () => void }) {
  const trpc = useTRPC();
  const done = useRefreshThenToast();
  const form = useZodForm(CreateUserForm, { email: '', role: 'marketer', password: '', displayName: '' });
  const create = useMutation(
    trpc.users.create.mutationOptions({
      onSuccess: async (u) => {
        await done(trpc.users.pathKey(), `${u.email} can now sign in`);
        onDone();
      },
      onError: (e) => form.showServerError(e),
    }),
  );
  return (
    <Card title="Add a user">
      <form
        className="stack"
        onSubmit={form.submit((d) => create.mutate({ ...d, displayName: d.displayName || null }))}
        noValidate
      >
        <div className="form-grid">
          <TextField form={form} name="email" label="Email" type="email" autoComplete="off" />
          <TextField form={form} name="displayName" label="Name" />
          <SelectField
            form={form}
            name="role"
            label="Role"
            options={ROLES.map((r) => ({ value: r, label: ROLE_LABEL[r]! }))}
          />
          <TextField
            form={form}
            name="password"
            label="Initial password"
            type="password"
            autoComplete="new-password"
            hint={PASSWORD_HINT}
          />
        </div>
        <FormActions mutation={create} submitLabel="Create user" onCancel={onDone} />
      </form>
    </Card>
  );
}

const PASSWORD_HINT = 'At least 10 characters, not a common or trivial one; share it privately.';

/** Sets a new password (the user's sessions end, and any sign-in pause is lifted). */
function ResetPassword({ user, onDone }: { user: { id: string; email: string }; onDone: () => void }) {
  const trpc = useTRPC();
  const done = useRefreshThenToast();
  const form = useZodForm(ResetPasswordForm, { password: '' });
  const reset = useMutation(
    trpc.users.update.mutationOptions({
      onSuccess: async (u) => {
        await done(trpc.users.pathKey(), `New password set for ${u.email}`);
        onDone();
      },
      onError: (e) => form.showServerError(e),
    }),
  );
  return (
    <Card title={`Reset the password of ${user.email}`}>
      <form className="stack" onSubmit={form.submit((d) => reset.mutate({ id: user.id, ...d }))} noValidate>
        <TextField
          form={form}
          name="password"
          label="New password"
          type="password"
          autoComplete="new-password"
          hint={PASSWORD_HINT}
        />
        <FormActions mutation={reset} submitLabel="Set password" onCancel={onDone} />
      </form>
    </Card>
  );
}
