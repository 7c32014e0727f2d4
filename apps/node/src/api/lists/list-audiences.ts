// lists.list: stored campaign audiences with provenance (collaboration, match, partner segments).
import { listAudienceLists } from '../../collab/lists.ts';
import { can } from '../trpc.ts';
import { audienceListView } from './view.ts';

export const listAudiencesProcedure = can('read', 'AudienceList').query(async ({ ctx }) =>
  (await listAudienceLists(ctx.db)).map(audienceListView),
);
