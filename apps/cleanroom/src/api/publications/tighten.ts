// publications.tighten: the owner's compliance rules got stricter — applied to the live publication at once.
import { PROCEDURES } from '@concord/protocol/contract/procedures';
import { tightenPublication } from '../../ingest/policy.ts';
import { partnerMutation } from '../trpc.ts';

const { input, output } = PROCEDURES.tightenPublication;
export const tighten = partnerMutation
  .input(input)
  .output(output)
  .mutation(({ ctx, input }) =>
    ctx.idempotent((trx) => tightenPublication(trx, ctx.now(), ctx.partner, input)),
  );
