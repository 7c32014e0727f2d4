// matches.request: insight counts, a cross-sell list for the requester, or referral lists for the partners.
import { PROCEDURES } from '@concord/protocol/contract/procedures';
import { requestMatch as run } from '../../match/request.ts';
import { partnerMutation } from '../trpc.ts';

const { input, output } = PROCEDURES.requestMatch;
export const requestMatch = partnerMutation
  .input(input)
  .output(output)
  .mutation(({ ctx, input }) => ctx.idempotent((trx) => run(trx, ctx.now(), ctx.partner, input, ctx.pool)));
