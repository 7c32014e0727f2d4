// Account › My account: who you are on this node, and changing your own password (auth.changePassword). Every role
// changes its own password here; an administrator may reset only another administrator's (separation of duties).
import { useMutation } from '@tanstack/react-query';
import { hasFieldErrors } from '../../errors.ts';
import { ChangePasswordForm } from '../../forms.ts';
import { useSession } from '../../session.tsx';
import { useTRPC } from '../../trpc.ts';
import { Button, TextField, useZodForm } from '../../ui/form.tsx';
import { Card, Page } from '../../ui/layout.tsx';
import { ErrorNote } from '../../ui/states.tsx';
import { useToast } from '../../ui/toast.tsx';
import { ROLE_LABEL } from '../admin/users.tsx';

const NEW_PASSWORD_HINT = 'At least 10 characters, not a common or trivial one, and not your email address.';

export function MyAccountScreen() {
  const { user, node } = useSession();
  return (
    <Page title="My account" subtitle={`Signed in to ${node.name}.`}>
      <div className="split">
        <Card title="You">
          <dl className="kv" data-testid="my-account">
            <dt>Email</dt>
            <dd>{user.email}</dd>
            <dt>Role</dt>
            <dd>{ROLE_LABEL[user.role] ?? user.role}</dd>
          </dl>
        </Card>
        <ChangePassword />
      </div>
    </Page>
  );
}

/** Changing the password ends every session of this user, this one included: the console returns to sign-in. */
function ChangePassword() {
  const trpc = useTRPC();
  const toast = useToast();
  const { signOut } = useSession();
  const form = useZodForm(ChangePasswordForm, { currentPassword: '', newPassword: '' });
  const change = useMutation(
    trpc.auth.changePassword.mutationOptions({
      onSuccess: () => {
        toast('Password changed. Sign in again with your new password.');
        signOut();
      },
      onError: (e) => form.showServerError(e),
    }),
  );
  return (
    <Card title="Change your password" hint="You will be signed out everywhere, this browser included.">
      <form className="stack" onSubmit={form.submit((d) => change.mutate(d))} noValidate>
        <TextField
          form={form}
          name="currentPassword"
          label="Current password"
          type="password"
          autoComplete="current-password"
        />
        <TextField
          form={form}
          name="newPassword"
          label="New password"
          type="password"
          autoComplete="new-password"
          hint={NEW_PASSWORD_HINT}
        />
        {/* A refusal about one field shows under that field; anything else here. */}
        {change.isError && !hasFieldErrors(change.error) ? <ErrorNote error={change.error} /> : null}
        <div className="actions">
          <Button type="submit" variant="primary" busy={change.isPending}>
            Change password
          </Button>
        </div>
      </form>
    </Card>
  );
}
