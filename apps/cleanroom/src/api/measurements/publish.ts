// measurements.publish: a list's receiver publishes the campaign's treated, holdout and converted members.
import { PROCEDURES } from '@concord/protocol/contract/procedures';
import { publishMeasurement } from '../../measurement/publish.ts';
import { partnerMutation } from '../trpc.ts';

const { input, output } = PROCEDURES.publishMeasurement;
export const publish = partnerMutation
  .input(input)
  .output(output)
  .mutation(({ ctx, input }) =>
    ctx.idempotent((trx) => publishMeasurement(trx, ctx.now(), ctx.partner, input)),
  );
