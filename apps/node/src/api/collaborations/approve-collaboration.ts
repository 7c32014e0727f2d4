// collaborations.approve (compliance): unwrap our copy of the secret, approve at the clean room, audit.
import { z } from 'zod';
import { auditActor } from '../../auth/actor.ts';
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
    const c = await approveCollaboration(federationDeps(ctx), { ...input, officer: ctx.user.id }, (c) => ({
      action: 'collaboration.approve',
      subjectType: 'Collaboration',
      subjectId: c.id,
      ...auditActor(ctx.user),
      at: ctx.now(),
      data: { name: c.name, purposes: c.purposes, status: c.status },
    }));
    return collaborationView(c);
  });
