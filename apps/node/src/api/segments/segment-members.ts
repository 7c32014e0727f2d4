// segments.members: pages the materialized members of a segment.
import { z } from 'zod';
import { listSegmentMembers } from '../../crm/segments/segments.ts';
import { can } from '../trpc.ts';

export const MembersInput = z.object({
  id: z.string().uuid(),
  limit: z.number().int().min(1).max(500).default(100),
  cursor: z.string().uuid().optional(),
});

export const members = can('read', 'Segment')
  .input(MembersInput)
  .query(({ ctx, input }) =>
    listSegmentMembers(ctx.db, input.id, { limit: input.limit, after: input.cursor }),
  );
