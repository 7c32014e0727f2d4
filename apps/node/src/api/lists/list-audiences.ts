// lists.list: stored campaign audiences with provenance, current counts and what changed since delivery.
import { audienceStatus } from '../../collab/audience-status.ts';
import { listAudienceLists } from '../../collab/lists.ts';
import { can } from '../trpc.ts';
import { audienceListView } from './view.ts';

export const listAudiencesProcedure = can('read', 'AudienceList').query(async ({ ctx }) => {
  const lists = await listAudienceLists(ctx.db);
  const status = await audienceStatus(
    ctx.db,
    lists.map((l) => l.id),
  );
  return lists.map((l) => audienceListView(l, status.get(l.id)));
});
