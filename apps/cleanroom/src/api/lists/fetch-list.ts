// lists.fetch: one page of a delivered list's member ids (the receiver's own members only).
import { PROCEDURES } from '@concord/protocol/contract/procedures';
import { fetchList as fetch } from '../../lists/lists.ts';
import { partnerProcedure } from '../trpc.ts';

const { input, output } = PROCEDURES.fetchList;
export const fetchList = partnerProcedure
  .input(input)
  .output(output)
  .query(({ ctx, input }) => fetch(ctx.db, ctx.now(), ctx.partner, input));
