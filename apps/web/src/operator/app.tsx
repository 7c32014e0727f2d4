// The operator console's root: providers, the operator session gate (operatorAuth.me), then the frame and the
// routed screen. The clean room checks the same CASL rules in every operator procedure.
import type { AppAbility } from '@concord/access';
import { QueryClientProvider, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useContext, useMemo, useState } from 'react';
import { AbilityProvider, abilityFromPacked } from '../ability.tsx';
import { Frame } from '../frame.tsx';
import { RouteSwitch } from '../route-switch.tsx';
import { makeQueryClient } from '../trpc.ts';
import { ErrorNote, Spinner } from '../ui/states.tsx';
import { ToastProvider } from '../ui/toast.tsx';
import { OperatorLogin } from './login.tsx';
import { OPERATOR_GROUPS, OPERATOR_ROUTES } from './routes.tsx';
import { makeOperatorClient, OperatorTRPCProvider, useOperatorTRPC } from './trpc.ts';

export function OperatorApp() {
  const [queryClient] = useState(makeQueryClient);
  const [client] = useState(makeOperatorClient);
  return (
    <QueryClientProvider client={queryClient}>
      <OperatorTRPCProvider trpcClient={client} queryClient={queryClient}>
        <ToastProvider>
          <OperatorGate />
        </ToastProvider>
      </OperatorTRPCProvider>
    </QueryClientProvider>
  );
}

const SignOutContext = createContext<() => void>(() => {});
export const useOperatorSignOut = () => useContext(SignOutContext);

function OperatorGate() {
  const trpc = useOperatorTRPC();
  const queryClient = useQueryClient();
  const me = useQuery(trpc.operatorAuth.me.queryOptions(undefined, { staleTime: 60_000 }));
  const logout = useMutation(trpc.operatorAuth.logout.mutationOptions());
  const ability = useMemo<AppAbility | null>(
    () => (me.data?.signedIn && me.data.rules ? abilityFromPacked(me.data.rules as never) : null),
    [me.data],
  );
  const signOut = () =>
    logout.mutate(undefined, {
      onSettled: () => {
        queryClient.clear();
        history.replaceState(null, '', '/');
      },
    });
  if (me.isPending)
    return (
      <div style={{ display: 'grid', placeItems: 'center', height: '100%' }}>
        <Spinner label="Opening the operator console" />
      </div>
    );
  if (me.isError)
    return (
      <div className="forbidden">
        <ErrorNote error={me.error} onRetry={() => void me.refetch()} />
      </div>
    );
  if (!ability) return <OperatorLogin />;
  return (
    <SignOutContext.Provider value={signOut}>
      <AbilityProvider value={ability}>
        <OperatorFrame ability={ability} onSignOut={signOut} />
      </AbilityProvider>
    </SignOutContext.Provider>
  );
}

function OperatorFrame({ ability, onSignOut }: { ability: AppAbility; onSignOut: () => void }): ReactNode {
  const home = OPERATOR_ROUTES.find((r) => r.nav && ability.can(r.need[0]![0], r.need[0]![1]));
  return (
    <Frame
      brandLine="Clean room · Operator"
      groups={OPERATOR_GROUPS}
      routes={OPERATOR_ROUTES}
      ability={ability}
      who={{ name: 'Operator', role: 'Clean room operator' }}
      onSignOut={onSignOut}
    >
      <RouteSwitch routes={OPERATOR_ROUTES} ability={ability} home={home} product="Concord clean room" />
    </Frame>
  );
}
