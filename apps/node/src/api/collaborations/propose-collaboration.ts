// collaborations.propose (compliance): generate and wrap the secret, propose at the clean room; audited with the mirror.
import { auditActor } from '../../auth/actor.ts';
import { proposeCollaboration } from '../../collab/collaborations.ts';
import { federationDeps } from '../../collab/deps.ts';
import { can } from '../trpc.ts';
import { ProposeCollaborationInput } from './propose-collaboration.schema.ts';
import { collaborationView } from './view.ts';

export const proposeCollaborationProcedure = can('create', 'Collaboration')
  .input(ProposeCollaborationInput)
  .mutation(async ({ ctx, input }) => {
    const c = await proposeCollaboration(federationDeps(ctx), { ...input, officer: ctx.user.id }, (c) => ({
      action: 'collaboration.propose',
      subjectType: 'Collaboration',
      subjectId: c.id,
      ...auditActor(ctx.user),
      at: ctx.now(),
      data: { name: c.name, purposes: c.purposes, partnerIds: input.partnerIds, tokenMode: c.tokenMode },
    }));
    return collaborationView(c);
  });
