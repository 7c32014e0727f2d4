// The session: who is signed in (auth.me), their ability, and sign-in/out; everything else renders inside it.
import type { AppAbility, Role } from '@concord/access';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useContext, useMemo } from 'react';
import { AbilityProvider, abilityFromPacked } from './ability.tsx';
import { errorCode } from './errors.ts';
import { type RouterOutputs, useTRPC } from './trpc.ts';

type Me = NonNullable<RouterOutputs['auth']['me']>;

export interface Session {
  user: { id: string; email: string; role: Role; displayName?: string | null };
  node: { name: string; industry: string };
  ability: AppAbility;
  signOut: () => void;
}

const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in tree');
  return session;
}

export function useSignOut() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const logout = useMutation(trpc.auth.logout.mutationOptions());
  return () =>
    logout.mutate(undefined, {
      onSettled: () => {
        // Drop every cached answer so the next user never sees the previous user's data.
        queryClient.clear();
        history.replaceState(null, '', '/');
      },
    });
}

export function SessionGate({
  signedOut,
  loading,
  error,
  children,
}: {
  signedOut: ReactNode;
  loading: ReactNode;
  error: (err: unknown, retry: () => void) => ReactNode;
  children: ReactNode;
}) {
  const trpc = useTRPC();
  const me = useQuery(trpc.auth.me.queryOptions(undefined, { staleTime: 60_000 }));
  const health = useQuery(trpc.system.health.queryOptions(undefined, { staleTime: 60_000 }));
  const signOut = useSignOut();
  const data = me.data as Me | null | undefined;
  const session = useMemo<Session | null>(() => {
    if (!data?.user) return null;
    return {
      user: data.user as Session['user'],
      node: { name: health.data?.name ?? 'Concord node', industry: health.data?.industry ?? '' },
      ability: abilityFromPacked(data.rules),
      signOut,
    };
  }, [data, health.data, signOut]);

  if (me.isPending) return <>{loading}</>;
  if (me.isError && errorCode(me.error) !== 'UNAUTHENTICATED')
    return <>{error(me.error, () => me.refetch())}</>;
  if (!session) return <>{signedOut}</>;
  return (
    <SessionContext.Provider value={session}>
      <AbilityProvider value={session.ability}>{children}</AbilityProvider>
    </SessionContext.Provider>
  );
}
