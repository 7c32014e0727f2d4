// measurements.result: noisy, kMin-suppressed conversion counts for the enabling partner (charges epsilon).
import { PROCEDURES } from '@concord/protocol/contract/procedures';
import { measurementResult } from '../../measurement/results.ts';
import { partnerMutation } from '../trpc.ts';

const { input, output } = PROCEDURES.measurementResult;
export const result = partnerMutation
  .input(input)
  .output(output)
  .mutation(({ ctx, input }) =>
    ctx.idempotent((trx) => measurementResult(trx, ctx.now(), ctx.partner, input.measurementId)),
  );
