// audit.transparency: every match that touched the calling partner's data, and ε used per collaboration and requester.
import { PROCEDURES } from '@concord/protocol/contract/procedures';
import { transparencyReport } from '../../audit/transparency.ts';
import { partnerProcedure } from '../trpc.ts';

const { input, output } = PROCEDURES.transparency;
export const transparency = partnerProcedure
  .input(input)
  .output(output)
  .query(({ ctx, input }) => transparencyReport(ctx.db, ctx.partner.id, input));
