// collaborations.list: the collaborations the caller belongs to (or left).
import { PROCEDURES } from '@concord/protocol/contract/procedures';
import { listCollaborations } from '../../collab/collaborations.ts';
import { partnerProcedure } from '../trpc.ts';

const { input, output } = PROCEDURES.getCollaborations;
export const list = partnerProcedure
  .input(input)
  .output(output)
  .query(({ ctx, input }) => listCollaborations(ctx.db, ctx.partner.id, ctx.now(), input.status));
