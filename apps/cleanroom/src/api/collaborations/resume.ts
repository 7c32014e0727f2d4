// collaborations.resume: the member that suspended lifts its suspension.
import { PROCEDURES } from '@concord/protocol/contract/procedures';
import { resumeCollaboration } from '../../collab/status.ts';
import { partnerMutation } from '../trpc.ts';

const { input, output } = PROCEDURES.resumeCollaboration;
export const resume = partnerMutation
  .input(input)
  .output(output)
  .mutation(({ ctx, input }) =>
    ctx.idempotent((trx) =>
      resumeCollaboration(trx, ctx.now(), ctx.partner, input.collaborationId, input.reason),
    ),
  );
