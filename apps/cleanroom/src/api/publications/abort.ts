// publications.abort: discards an uploading version; the live version (if any) stays.
import { PROCEDURES } from '@concord/protocol/contract/procedures';
import { abortPublication } from '../../ingest/publications.ts';
import { partnerMutation } from '../trpc.ts';

const { input, output } = PROCEDURES.abortPublication;
export const abort = partnerMutation
  .input(input)
  .output(output)
  .mutation(({ ctx, input }) => ctx.idempotent((trx) => abortPublication(trx, ctx.partner, input.versionId)));
