// The node's typed tRPC client for the CLI: one client per command, types from the node's router (no copies).
import type { AppRouter } from '@concord/node/router';
import { humanizeIssue, type IssueLike } from '@concord/protocol/humanize';
import {
  createTRPCClient,
  createTRPCUntypedClient,
  httpLink,
  type TRPCClient,
  TRPCClientError,
  type TRPCUntypedClient,
} from '@trpc/client';
import { type CommandContext, humanMessage } from './framework.ts';
import { authHeaders, nodeTarget } from './node-client.ts';

export type NodeApi = TRPCClient<AppRouter>;

/** A client for the node the command targets (`--node`, `$CONCORD_NODE_URL`, or what `pnpm start` printed). */
export function nodeApi(ctx: CommandContext): NodeApi {
  return createTRPCClient<AppRouter>({ links: nodeLinks(ctx) });
}

/** The same client addressed by procedure path (`concord api`); the path is checked against the router first. */
export function nodeApiByPath(ctx: CommandContext): TRPCUntypedClient<AppRouter> {
  return createTRPCUntypedClient<AppRouter>({ links: nodeLinks(ctx) });
}

function nodeLinks(ctx: CommandContext) {
  const target = nodeTarget(ctx);
  return [
    httpLink<AppRouter>({
      url: `${target.url}/trpc`,
      // The CSRF rule's header on every call (setup.complete and auth.login are anonymous changes).
      headers: authHeaders(target),
    }),
  ];
}

/** The Concord error code of a failed call (`CONFLICT`, `FORBIDDEN`, …), or undefined. */
export function errorCodeOf(error: unknown): string | undefined {
  if (!(error instanceof TRPCClientError)) return undefined;
  const data = error.data as { concordCode?: string } | undefined;
  return data?.concordCode;
}

/** One line for a failed call: the node's message, its code, and the fields it refused. */
export function describeCallError(error: unknown): string | undefined {
  if (!(error instanceof TRPCClientError)) return undefined;
  const data = error.data as { concordCode?: string; issues?: IssueLike[] } | undefined;
  // Each refused field in words ("Rule 6: choose an attribute"), never zod's JSON (@concord/protocol/humanize).
  const issues = (data?.issues ?? []).map((i) => humanizeIssue(i).text);
  const code = data?.concordCode ?? (error.cause ? 'UNREACHABLE' : 'ERROR');
  const message = issues.length > 0 ? issues.join('; ') : humanMessage(error.message);
  return `${message} [${code}]`;
}
