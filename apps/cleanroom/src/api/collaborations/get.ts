// collaborations.get: one collaboration the caller belongs to, with the secret wrapped for the caller only.
import { PROCEDURES } from '@concord/protocol/contract/procedures';
import { getCollaboration } from '../../collab/collaborations.ts';
import { partnerProcedure } from '../trpc.ts';

const { input, output } = PROCEDURES.getCollaboration;
export const get = partnerProcedure
  .input(input)
  .output(output)
  .query(({ ctx, input }) => getCollaboration(ctx.db, ctx.partner.id, input.collaborationId, ctx.now()));
