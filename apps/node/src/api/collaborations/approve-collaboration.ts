// collaborations.approve (compliance): unwrap our copy of the secret, approve at the clean room, audit.
import { z } from 'zod';
import { approveCollaboration } from '../../collab/collaborations.ts';
import { federationDeps } from '../../collab/deps.ts';
import { can } from '../trpc.ts';
import { collaborationView } from './view.ts';

export const ApproveCollaborationInput = z.object({
  collaborationId: z.uuid(),
  kMinFloor: z.number().int().min(1).optional(),
});

export const approveCollaborationProcedure = can('approve', 'Collaboration')
  .input(ApproveCollaborationInput)
  .mutation(async ({ ctx, input }) => {
    const c = await approveCollaboration(federationDeps(ctx), { ...input, actor: ctx.user });
    return collaborationView(c);
  });
