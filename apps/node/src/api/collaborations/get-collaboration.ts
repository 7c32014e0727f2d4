// collaborations.get: one collaboration, refreshed from the clean room.
import { z } from 'zod';
import { syncCollaboration } from '../../collab/collaborations.ts';
import { federationDeps } from '../../collab/deps.ts';
import { can } from '../trpc.ts';
import { collaborationView } from './view.ts';

export const GetCollaborationInput = z.object({ collaborationId: z.uuid() });

export const getCollaborationProcedure = can('read', 'Collaboration')
  .input(GetCollaborationInput)
  .query(async ({ ctx, input }) =>
    collaborationView(await syncCollaboration(federationDeps(ctx), input.collaborationId)),
  );
