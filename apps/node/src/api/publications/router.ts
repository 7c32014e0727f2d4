// publications.*: compose the publication procedures.
import { router } from '../trpc.ts';
import { listPublicationsProcedure } from './list-publications.ts';
import { partnerPublicationsProcedure } from './partner-publications.ts';
import { publishSegmentProcedure } from './publish-segment.ts';
import { withdrawalStatusProcedure } from './withdrawal-status.ts';

export const publicationsRouter = router({
  publish: publishSegmentProcedure,
  list: listPublicationsProcedure,
  partners: partnerPublicationsProcedure,
  withdrawals: withdrawalStatusProcedure,
});
