// Operator sign-in: the operator token (from the operator's environment) opens a console session; the clean room
// answers with an httpOnly cookie and keeps only the session token's digest.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { errorCode } from '../errors.ts';
import { BrandPanel } from '../screens/login.tsx';
import { Button, TextField, useZodForm } from '../ui/form.tsx';
import { ErrorNote, Notice } from '../ui/states.tsx';
import { useOperatorTRPC } from './trpc.ts';

const OperatorLoginForm = z.object({ token: z.string().trim().min(1, 'Enter the operator token') });

export function OperatorLogin() {
  const trpc = useOperatorTRPC();
  const queryClient = useQueryClient();
  const form = useZodForm(OperatorLoginForm, { token: '' });
  const login = useMutation(
    trpc.operatorAuth.login.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.operatorAuth.me.queryKey() }),
      onError: (err) => form.showServerError(err),
    }),
  );
  return (
    <div className="login">
      <BrandPanel
        title="The clean room, from the operator's chair."
        footer="Concord clean room · operator console"
      >
        Invite partners, watch collaborations, ingestion and matches, and verify the audit chain — without
        ever seeing a token, a member or a credential.
      </BrandPanel>
      <div className="login-panel">
        <form className="login-form stack" onSubmit={form.submit((d) => login.mutate(d))} noValidate>
          <div>
            <h2 style={{ fontSize: 22 }}>Operator sign-in</h2>
            <p className="muted">
              Use the operator token the clean room was started with (<code>CONCORD_OPERATOR_TOKEN</code>).
            </p>
          </div>
          {login.isError ? (
            errorCode(login.error) === 'UNAUTHENTICATED' ? (
              <Notice tone="danger" title="That is not the operator token">
                Check the token in the clean room's environment and try again.
              </Notice>
            ) : (
              <ErrorNote error={login.error} />
            )
          ) : null}
          <TextField
            form={form}
            name="token"
            label="Operator token"
            type="password"
            autoComplete="current-password"
            autoFocus
          />
          <Button type="submit" variant="primary" busy={login.isPending}>
            Sign in
          </Button>
        </form>
      </div>
    </div>
  );
}
