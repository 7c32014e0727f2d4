// collaborations.propose (compliance): generate and wrap the secret, propose at the clean room; audited with the mirror.
import { proposeCollaboration } from '../../collab/collaborations.ts';
import { federationDeps } from '../../collab/deps.ts';
import { can } from '../trpc.ts';
import { ProposeCollaborationInput } from './propose-collaboration.schema.ts';
import { collaborationView } from './view.ts';

export const proposeCollaborationProcedure = can('create', 'Collaboration')
  .input(ProposeCollaborationInput)
  .mutation(async ({ ctx, input }) => {
    const c = await proposeCollaboration(federationDeps(ctx), { ...input, actor: ctx.user });
    return collaborationView(c);
  });
