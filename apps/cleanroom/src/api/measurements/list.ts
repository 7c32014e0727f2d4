// measurements.list: measurements the caller published or enabled.
import { PROCEDURES } from '@concord/protocol/contract/procedures';
import { listMeasurements } from '../../measurement/publish.ts';
import { partnerProcedure } from '../trpc.ts';

const { input, output } = PROCEDURES.listMeasurements;
export const list = partnerProcedure
  .input(input)
  .output(output)
  .query(({ ctx, input }) => listMeasurements(ctx.db, ctx.partner, input.collaborationId));
