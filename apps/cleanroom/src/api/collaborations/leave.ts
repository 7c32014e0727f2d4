// collaborations.leave: a member leaves; its publications and lists in the collaboration are deleted.
import { PROCEDURES } from '@concord/protocol/contract/procedures';
import { leaveCollaboration } from '../../collab/leave.ts';
import { partnerMutation } from '../trpc.ts';

const { input, output } = PROCEDURES.leaveCollaboration;
export const leave = partnerMutation
  .input(input)
  .output(output)
  .mutation(({ ctx, input }) =>
    ctx.idempotent((trx) =>
      leaveCollaboration(trx, ctx.now(), ctx.partner, input.collaborationId, input.reason),
    ),
  );
