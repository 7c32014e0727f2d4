// lists.*: compose the audience-list procedures.
import { router } from '../trpc.ts';
import { archiveListProcedure, unarchiveListProcedure } from './archive-list.ts';
import { audienceMembersProcedure } from './audience-members.ts';
import { deleteListProcedure } from './delete-list.ts';
import { deliveredListsProcedure } from './delivered-lists.ts';
import { exportListProcedure } from './export-list.ts';
import { exportWithDemographicsProcedure } from './export-list-demographics.ts';
import { fetchListProcedure } from './fetch-list.ts';
import { listAudiencesProcedure } from './list-audiences.ts';
import { renameListProcedure } from './rename-list.ts';

export const listsRouter = router({
  delivered: deliveredListsProcedure,
  fetch: fetchListProcedure,
  list: listAudiencesProcedure,
  members: audienceMembersProcedure,
  export: exportListProcedure,
  exportWithDemographics: exportWithDemographicsProcedure,
  rename: renameListProcedure,
  archive: archiveListProcedure,
  unarchive: unarchiveListProcedure,
  delete: deleteListProcedure,
});
