// publications.begin: opens a new version of a segment; batches go to the binary route, then commit.
import { PROCEDURES } from '@concord/protocol/contract/procedures';
import { beginPublication, versionProgress } from '../../ingest/publications.ts';
import { partnerMutation } from '../trpc.ts';

const { input, output } = PROCEDURES.beginPublication;
export const begin = partnerMutation
  .input(input)
  .output(output)
  .mutation(async ({ ctx, input }) => {
    const begun = await ctx.idempotent((trx) => beginPublication(trx, ctx.now(), ctx.partner, input));
    // A replayed begin (same key) resumes: report what is stored now, not what was stored then.
    return { ...begun, ...(await versionProgress(ctx.db, begun.versionId)) };
  });
