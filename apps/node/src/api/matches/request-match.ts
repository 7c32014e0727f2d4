// matches.request (marketer): insight counts, a cross-sell list (resolved at once) or referral lists.
import { z } from 'zod';
import { federationDeps } from '../../collab/deps.ts';
import { requestMatch } from '../../collab/matches.ts';
import { can } from '../trpc.ts';

export const RequestMatchInput = z.object({
  collaborationId: z.uuid(),
  kind: z.enum(['insight', 'cross_sell_list', 'referral_list']),
  purpose: z.string().min(1).max(120),
  /** Our local publication id (its live version is matched). */
  publicationId: z.uuid(),
  partnerPublicationIds: z.array(z.uuid()).min(1).max(16),
  offer: z
    .object({ title: z.string().min(1).max(200), description: z.string().max(2000).optional() })
    .optional(),
});

export const requestMatchProcedure = can('request', 'Match')
  .input(RequestMatchInput)
  .mutation(async ({ ctx, input }) => {
    const r = await requestMatch(federationDeps(ctx), {
      ...input,
      actor: ctx.user,
    });
    return {
      ...r,
      audience: r.audience ? { ...r.audience, expiresAt: r.audience.expiresAt.toISOString() } : null,
    };
  });
