// collaborations.*: compose the collaboration procedures.
import { router } from '../trpc.ts';
import { approveCollaborationProcedure } from './approve-collaboration.ts';
import { changeCollaborationProcedure } from './change-collaboration.ts';
import { getCollaborationProcedure } from './get-collaboration.ts';
import { listCollaborationsProcedure } from './list-collaborations.ts';
import { partnerDirectoryProcedure } from './partner-directory.ts';
import { proposeCollaborationProcedure } from './propose-collaboration.ts';

export const collaborationsRouter = router({
  list: listCollaborationsProcedure,
  get: getCollaborationProcedure,
  partners: partnerDirectoryProcedure,
  propose: proposeCollaborationProcedure,
  approve: approveCollaborationProcedure,
  change: changeCollaborationProcedure,
});
