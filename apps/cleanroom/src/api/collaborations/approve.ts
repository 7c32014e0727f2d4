// collaborations.approve: each member approves from its own node; the last approval activates the collaboration.
import { PROCEDURES } from '@concord/protocol/contract/procedures';
import { approveCollaboration } from '../../collab/approve.ts';
import { partnerMutation } from '../trpc.ts';

const { input, output } = PROCEDURES.approveCollaboration;
export const approve = partnerMutation
  .input(input)
  .output(output)
  .mutation(({ ctx, input }) =>
    ctx.idempotent((trx) => approveCollaboration(trx, ctx.now(), ctx.partner, input)),
  );
