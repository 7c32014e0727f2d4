// collaborations.suspend: any member halts publishing and matching for everyone until it resumes.
import { PROCEDURES } from '@concord/protocol/contract/procedures';
import { suspendCollaboration } from '../../collab/status.ts';
import { partnerMutation } from '../trpc.ts';

const { input, output } = PROCEDURES.suspendCollaboration;
export const suspend = partnerMutation
  .input(input)
  .output(output)
  .mutation(({ ctx, input }) =>
    ctx.idempotent((trx) =>
      suspendCollaboration(trx, ctx.now(), ctx.partner, input.collaborationId, input.reason),
    ),
  );
