// lists.removals: members removed from lists delivered to the caller (a partner member they matched left), by cursor.
import { PROCEDURES } from '@concord/protocol/contract/procedures';
import { listRemovals } from '../../lists/derived.ts';
import { partnerProcedure } from '../trpc.ts';

const { input, output } = PROCEDURES.listRemovals;
export const removals = partnerProcedure
  .input(input)
  .output(output)
  .query(({ ctx, input }) => listRemovals(ctx.db, ctx.partner.id, input));
