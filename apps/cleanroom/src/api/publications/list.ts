// publications.list: the segments published in a collaboration (size bands for others', exact for one's own).
import { PROCEDURES } from '@concord/protocol/contract/procedures';
import { listPublications } from '../../ingest/publications.ts';
import { partnerProcedure } from '../trpc.ts';

const { input, output } = PROCEDURES.listPublications;
export const list = partnerProcedure
  .input(input)
  .output(output)
  .query(({ ctx, input }) => listPublications(ctx.db, ctx.partner.id, input.collaborationId));
