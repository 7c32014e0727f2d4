// collaborations.list: this node's collaborations, refreshed from the clean room when it is reachable.
import { listCollaborations, syncCollaborations } from '../../collab/collaborations.ts';
import { federationDeps, hasCleanroom } from '../../collab/deps.ts';
import { can } from '../trpc.ts';
import { collaborationView } from './view.ts';

export const listCollaborationsProcedure = can('read', 'Collaboration').query(async ({ ctx }) => {
  if (hasCleanroom(ctx.config)) {
    try {
      return (await syncCollaborations(federationDeps(ctx))).map(collaborationView);
    } catch (error) {
      // Offline clean room: show the last known state rather than nothing.
      ctx.logger.warn({ err: error }, 'collaboration sync failed; showing local mirror');
    }
  }
  return (await listCollaborations(ctx.db)).map(collaborationView);
});
