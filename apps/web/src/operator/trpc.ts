// The typed tRPC client for the clean room's API, used by the operator console (same origin, session cookie).
// Every call carries the console header (the clean room's CSRF guard); every mutation a fresh Idempotency-Key.
import type { AppRouter as CleanroomRouter } from '@concord/cleanroom/router';
import { createTRPCClient, httpBatchLink, httpLink, splitLink } from '@trpc/client';
import type { inferRouterOutputs } from '@trpc/server';
import { createTRPCContext } from '@trpc/tanstack-react-query';
import { CONSOLE_HEADERS } from '../trpc.ts';

export type OperatorOutputs = inferRouterOutputs<CleanroomRouter>;

export const { TRPCProvider: OperatorTRPCProvider, useTRPC: useOperatorTRPC } =
  createTRPCContext<CleanroomRouter>();

const sameOrigin = (url: URL | RequestInfo, init?: RequestInit) =>
  fetch(url, { ...init, credentials: 'same-origin' });

export function makeOperatorClient() {
  return createTRPCClient<CleanroomRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === 'mutation',
        // One request per mutation, so each gets its own key (the clean room runs a key's change once).
        true: httpLink({
          url: '/trpc',
          fetch: sameOrigin,
          headers: () => ({ ...CONSOLE_HEADERS, 'idempotency-key': `console-${crypto.randomUUID()}` }),
        }),
        false: httpBatchLink({ url: '/trpc', fetch: sameOrigin, headers: () => CONSOLE_HEADERS }),
      }),
    ],
  });
}
