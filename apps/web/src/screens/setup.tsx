// First-run setup: on a node without users, the one-time code printed at start creates the first admin.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { errorCode } from '../errors.ts';
import { navigate, useLocation } from '../router.tsx';
import { useTRPC } from '../trpc.ts';
import { Button, TextField, useZodForm } from '../ui/form.tsx';
import { ErrorNote, Notice, Spinner } from '../ui/states.tsx';
import { BrandPanel, LoginScreen } from './login.tsx';

const SetupForm = z
  .object({
    code: z.string().min(1, 'Enter the setup code the node printed when it started'),
    email: z.email('Enter the email address you will sign in with'),
    password: z.string().min(10, 'Use at least 10 characters'),
    confirm: z.string(),
  })
  .refine((v) => v.password === v.confirm, { path: ['confirm'], message: 'The two passwords differ' });

/** Signed-out entry: the setup screen while the node has no users, the sign-in form afterwards. */
export function SignedOutScreen() {
  const trpc = useTRPC();
  const status = useQuery(trpc.setup.status.queryOptions());
  if (status.isPending) return <Spinner label="Opening Concord" />;
  return status.data?.needed ? <SetupScreen /> : <LoginScreen />;
}

const EXPLAIN: Record<string, { title: string; text: string }> = {
  UNAUTHENTICATED: {
    title: 'This code is not valid for this node',
    text: 'Copy the code from the lines the node printed at its last start; a restart replaces the code.',
  },
  EXPIRED: { title: 'This code has expired', text: 'Restart the node: it prints a new code.' },
  CONFLICT: { title: 'This node is already set up', text: 'Sign in with the administrator account.' },
};

export function SetupScreen() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { query } = useLocation();
  const form = useZodForm(SetupForm, { code: query.get('code') ?? '', email: '', password: '', confirm: '' });
  const login = useMutation(
    trpc.auth.login.mutationOptions({
      onSuccess: async () => {
        navigate('/', { replace: true });
        await queryClient.invalidateQueries();
      },
    }),
  );
  const complete = useMutation(
    trpc.setup.complete.mutationOptions({
      onSuccess: (_, input) => login.mutate({ email: input.email, password: input.password }),
      onError: (err) => form.showServerError(err),
    }),
  );
  const explained = complete.isError ? EXPLAIN[errorCode(complete.error) ?? ''] : undefined;
  return (
    <div className="login">
      <BrandPanel title="Set up this node." footer="The setup code works once and expires.">
        Create the first administrator. They add the other users, import customers and join the clean room
        with the invitation code its operator gives you.
      </BrandPanel>
      <div className="login-panel">
        <form
          className="login-form stack"
          onSubmit={form.submit(({ confirm: _, ...data }) => complete.mutate(data))}
          noValidate
        >
          <div>
            <h2 style={{ fontSize: 22 }}>First-run setup</h2>
            <p className="muted">The node printed a setup link and code on its terminal when it started.</p>
          </div>
          {explained ? (
            <Notice tone="danger" title={explained.title}>
              {explained.text}
            </Notice>
          ) : complete.isError ? (
            <ErrorNote error={complete.error} />
          ) : null}
          <TextField form={form} name="code" label="Setup code" autoComplete="off" />
          <TextField
            form={form}
            name="email"
            label="Administrator email"
            type="email"
            autoComplete="username"
          />
          <TextField
            form={form}
            name="password"
            label="Password"
            type="password"
            autoComplete="new-password"
          />
          <TextField
            form={form}
            name="confirm"
            label="Repeat the password"
            type="password"
            autoComplete="new-password"
          />
          <Button type="submit" variant="primary" busy={complete.isPending || login.isPending}>
            Create administrator
          </Button>
        </form>
      </div>
    </div>
  );
}
