// collaborations.change (compliance): suspend, resume or leave a collaboration, audited.
import { z } from 'zod';
import { changeCollaboration } from '../../collab/collaborations.ts';
import { federationDeps } from '../../collab/deps.ts';
import { can } from '../trpc.ts';
import { collaborationView } from './view.ts';

export const ChangeCollaborationInput = z.object({
  collaborationId: z.uuid(),
  action: z.enum(['suspend', 'resume', 'leave']),
  reason: z.string().max(500).default(''),
});

export const changeCollaborationProcedure = can('update', 'Collaboration')
  .input(ChangeCollaborationInput)
  .mutation(async ({ ctx, input }) => {
    const c = await changeCollaboration(federationDeps(ctx), { ...input, actor: ctx.user });
    return collaborationView(c);
  });
