// lists.*: compose the audience-list procedures.
import { router } from '../trpc.ts';
import { audienceMembersProcedure } from './audience-members.ts';
import { deliveredListsProcedure } from './delivered-lists.ts';
import { exportListProcedure } from './export-list.ts';
import { exportWithDemographicsProcedure } from './export-list-demographics.ts';
import { fetchListProcedure } from './fetch-list.ts';
import { listAudiencesProcedure } from './list-audiences.ts';

export const listsRouter = router({
  delivered: deliveredListsProcedure,
  fetch: fetchListProcedure,
  list: listAudiencesProcedure,
  members: audienceMembersProcedure,
  export: exportListProcedure,
  exportWithDemographics: exportWithDemographicsProcedure,
});
