// Sign-in: email + password against auth.login; the session cookie is set by the node.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useEffect } from 'react';
import { z } from 'zod';
import { errorCode } from '../errors.ts';
import { titleCase } from '../labels.ts';
import { markInteractiveWhenSettled } from '../perf.ts';
import { useTRPC } from '../trpc.ts';
import { Button, TextField, useZodForm } from '../ui/form.tsx';
import { Logo } from '../ui/icons.tsx';
import { ErrorNote, Notice } from '../ui/states.tsx';

const LoginForm = z.object({
  email: z.email('Enter the email address you sign in with'),
  password: z.string().min(1, 'Enter your password'),
});

/**
 * One story for both refusals, matching the node's rule (docs/security.md): 5 failures for an account from one
 * address pause sign-in there for up to 15 minutes; the node says how long is left, an admin can lift it.
 */
function LoginError({ error }: { error: { message: string } }) {
  const code = errorCode(error);
  if (code === 'UNAUTHENTICATED')
    return (
      <Notice tone="danger" title="Wrong email or password">
        Check both and try again. After 5 failed attempts from this device, sign-in to the account pauses here
        for up to 15 minutes.
      </Notice>
    );
  if (code === 'RATE_LIMITED')
    return (
      <Notice tone="danger" title="Sign-in paused">
        {error.message.charAt(0).toUpperCase() + error.message.slice(1)}.
      </Notice>
    );
  return <ErrorNote error={error} />;
}

export function LoginScreen() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const form = useZodForm(LoginForm, { email: '', password: '' });
  // Which company's node this is, so nobody signs in to the wrong one (system.health is public).
  const node = useQuery(trpc.system.health.queryOptions(undefined, { staleTime: 60_000, retry: false }));
  useEffect(() => markInteractiveWhenSettled(queryClient), [queryClient]);
  const login = useMutation(
    trpc.auth.login.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.auth.me.queryKey() }),
      onError: (err) => form.showServerError(err),
    }),
  );
  return (
    <div className="login">
      <BrandPanel
        title="Sell together. Share nothing you shouldn't."
        footer="Consent-first collaborative CRM"
      >
        Find the customers you and your partners have in common — only those who agreed, counted in a clean
        room that never sees who they are.
      </BrandPanel>
      <div className="login-panel">
        <form className="login-form stack" onSubmit={form.submit((data) => login.mutate(data))} noValidate>
          <div>
            {node.data ? (
              <p className="login-node" data-testid="login-node">
                <span className="muted small">Company node</span>
                <br />
                <strong>{node.data.name}</strong>
                {node.data.industry ? (
                  <span className="muted"> · {titleCase(node.data.industry)}</span>
                ) : null}
              </p>
            ) : null}
            <h2 style={{ fontSize: 22 }}>Sign in</h2>
            <p className="muted">Use the account your administrator created for you.</p>
          </div>
          {login.isError ? <LoginError error={login.error} /> : null}
          <TextField form={form} name="email" label="Email" type="email" autoComplete="username" autoFocus />
          <TextField
            form={form}
            name="password"
            label="Password"
            type="password"
            autoComplete="current-password"
          />
          <Button type="submit" variant="primary" busy={login.isPending}>
            Sign in
          </Button>
        </form>
      </div>
    </div>
  );
}

/** The left half of the signed-out screens (sign-in, first-run setup). */
export function BrandPanel({
  title,
  footer,
  children,
}: {
  title: string;
  footer: string;
  children: ReactNode;
}) {
  return (
    <div className="login-art">
      <div className="row" style={{ gap: 12 }}>
        <Logo className="brand-mark" />
        <strong style={{ color: '#fff', fontSize: 16 }}>Concord</strong>
      </div>
      <div>
        <h1>{title}</h1>
        <p>{children}</p>
      </div>
      <p className="small" style={{ color: 'var(--side-muted)' }}>
        {footer}
      </p>
    </div>
  );
}
