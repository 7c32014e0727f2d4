// The console's root: query + tRPC providers, the session gate, then the shell and the routed screen.
import { QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
import { Routes } from './routes.tsx';
import { SignedOutScreen } from './screens/setup.tsx';
import { SessionGate } from './session.tsx';
import { Shell } from './shell.tsx';
import { makeQueryClient, makeTrpcClient, TRPCProvider } from './trpc.ts';
import { Logo } from './ui/icons.tsx';
import { ErrorNote, Spinner } from './ui/states.tsx';
import { ToastProvider } from './ui/toast.tsx';

export function App() {
  const [queryClient] = useState(makeQueryClient);
  const [trpcClient] = useState(makeTrpcClient);
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        <ToastProvider>
          <SessionGate
            loading={<Splash />}
            signedOut={<SignedOutScreen />}
            error={(err, retry) => (
              <div className="forbidden">
                <ErrorNote error={err} onRetry={retry} />
              </div>
            )}
          >
            <Shell>
              <Routes />
            </Shell>
          </SessionGate>
        </ToastProvider>
      </TRPCProvider>
    </QueryClientProvider>
  );
}

function Splash() {
  return (
    <div style={{ display: 'grid', placeItems: 'center', height: '100%' }}>
      <div className="stack-sm" style={{ alignItems: 'center' }}>
        <Logo className="brand-mark" />
        <Spinner label="Opening Concord" />
      </div>
    </div>
  );
}
