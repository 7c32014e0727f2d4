// The typed tRPC client for the node's API (same origin, cookie session) and the react-query bindings.
import type { AppRouter } from '@concord/node/router';
import { QueryClient } from '@tanstack/react-query';
import { createTRPCClient, httpBatchLink, TRPCClientError } from '@trpc/client';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import { createTRPCContext } from '@trpc/tanstack-react-query';

export type { AppRouter };
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;

/** Sent with every request to the node; see docs/security.md (cross-site requests). */
export const CONSOLE_HEADERS = { 'x-concord-request': '1' } as const;

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

export function makeTrpcClient() {
  return createTRPCClient<AppRouter>({
    links: [
      httpBatchLink({
        url: '/trpc',
        // Same origin: the session cookie goes with every request. The custom header makes every call a
        // non-simple request, which the node requires of cookie-authenticated changes (CSRF rule).
        fetch: (url, init) => fetch(url, { ...init, credentials: 'same-origin' }),
        headers: () => CONSOLE_HEADERS,
      }),
    ],
  });
}

/** Errors that retrying cannot fix (auth, validation, policy) fail fast instead of spinning. */
function retryable(failureCount: number, error: unknown): boolean {
  if (error instanceof TRPCClientError) {
    const status = (error.data as { httpStatus?: number } | undefined)?.httpStatus ?? 500;
    if (status < 500) return false;
  }
  return failureCount < 2;
}

export function makeQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: retryable, staleTime: 10_000, refetchOnWindowFocus: false },
      mutations: { retry: false },
    },
  });
}
