// lists.fetch: receive a delivered list, resolve it to our customers (consent re-checked) and store the audience.
import { z } from 'zod';
import { federationDeps } from '../../collab/deps.ts';
import { fetchAudienceList } from '../../collab/lists.ts';
import { can } from '../trpc.ts';

export const FetchListInput = z.object({
  listId: z.uuid(),
  name: z.string().trim().min(1).max(200).optional(),
});

// Storing an audience is `create AudienceList` (marketers); compliance's read right does not store anything.
export const fetchListProcedure = can('create', 'AudienceList')
  .input(FetchListInput)
  .mutation(async ({ ctx, input }) => {
    const r = await fetchAudienceList(federationDeps(ctx), {
      listId: input.listId,
      actor: ctx.user,
      ...(input.name ? { name: input.name } : {}),
    });
    return { ...r, expiresAt: r.expiresAt.toISOString() };
  });
