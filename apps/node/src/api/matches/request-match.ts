// matches.request (marketer): insight counts, a cross-sell list (resolved at once) or referral lists.
import { federationDeps } from '../../collab/deps.ts';
import { requestMatch } from '../../collab/matches.ts';
import { can } from '../trpc.ts';
import { RequestMatchInput } from './request-match.schema.ts';

export const requestMatchProcedure = can('request', 'Match')
  .input(RequestMatchInput)
  .mutation(async ({ ctx, input }) => {
    const r = await requestMatch(federationDeps(ctx), {
      ...input,
      actor: ctx.user,
    });
    // The clean room's answer as is (one shape per kind); only the fetched list's dates go out as text.
    return {
      ...r,
      audience: r.audience ? { ...r.audience, expiresAt: r.audience.expiresAt.toISOString() } : null,
    };
  });
