// lists.list: stored campaign audiences with provenance, current counts and what changed since delivery.
import { z } from 'zod';
import { audienceStatus } from '../../collab/audience-status.ts';
import { listAudienceLists } from '../../collab/lists.ts';
import { can } from '../trpc.ts';
import { audienceListView } from './view.ts';

export const ListAudiencesInput = z
  .object({ archived: z.enum(['exclude', 'include', 'only']).default('exclude') })
  .default({ archived: 'exclude' });

export const listAudiencesProcedure = can('read', 'AudienceList')
  .input(ListAudiencesInput)
  .query(async ({ ctx, input }) => {
    const lists = await listAudienceLists(ctx.db, input.archived);
    const status = await audienceStatus(
      ctx.db,
      lists.map((l) => l.id),
    );
    return lists.map((l) => audienceListView(l, status.get(l.id)));
  });
