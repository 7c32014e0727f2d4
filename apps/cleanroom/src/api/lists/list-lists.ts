// lists.list: lists delivered to the caller.
import { PROCEDURES } from '@concord/protocol/contract/procedures';
import { listLists as list } from '../../lists/lists.ts';
import { partnerProcedure } from '../trpc.ts';

const { input, output } = PROCEDURES.fetchLists;
export const listLists = partnerProcedure
  .input(input)
  .output(output)
  .query(({ ctx, input }) => list(ctx.db, ctx.partner, input.collaborationId));
