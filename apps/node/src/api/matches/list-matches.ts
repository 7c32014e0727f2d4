// matches.list: match requests made from this node, newest first.
import { z } from 'zod';
import { listMatchRequests } from '../../collab/matches.ts';
import { can } from '../trpc.ts';

export const ListMatchesInput = z.object({ collaborationId: z.uuid().optional() }).default({});

export const listMatchesProcedure = can('read', 'Match')
  .input(ListMatchesInput)
  .query(async ({ ctx, input }) =>
    (await listMatchRequests(ctx.db, input.collaborationId)).map((m) => ({
      id: m.id,
      collaborationId: m.collaboration_id,
      kind: m.kind,
      purpose: m.purpose,
      request: m.request,
      result: m.result,
      requestedBy: m.requested_by,
      requestedByEmail: m.requested_by_email,
      createdAt: m.created_at.toISOString(),
    })),
  );
