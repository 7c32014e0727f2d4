// publications.deltas: consent withdrawals — members removed from the live and uploading versions at once.
import { PROCEDURES } from '@concord/protocol/contract/procedures';
import { applyDeltas } from '../../ingest/deltas.ts';
import { partnerMutation } from '../trpc.ts';

const { input, output } = PROCEDURES.sendDeltas;
export const deltas = partnerMutation
  .input(input)
  .output(output)
  .mutation(({ ctx, input }) => ctx.idempotent((trx) => applyDeltas(trx, ctx.now(), ctx.partner, input)));
