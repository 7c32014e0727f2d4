// publications.commit: makes a fully uploaded version the live one, atomically replacing the previous version.
import { PROCEDURES } from '@concord/protocol/contract/procedures';
import { commitPublication } from '../../ingest/commit.ts';
import { partnerMutation } from '../trpc.ts';

const { input, output } = PROCEDURES.commitPublication;
export const commit = partnerMutation
  .input(input)
  .output(output)
  .mutation(({ ctx, input }) =>
    ctx.idempotent((trx) => commitPublication(trx, ctx.now(), ctx.partner, input, ctx.pool)),
  );
