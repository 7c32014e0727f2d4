// collaborations.propose: a member's compliance officer proposes; the secret arrives already wrapped per member.
import { PROCEDURES } from '@concord/protocol/contract/procedures';
import { proposeCollaboration } from '../../collab/propose.ts';
import { partnerMutation } from '../trpc.ts';

const { input, output } = PROCEDURES.proposeCollaboration;
export const propose = partnerMutation
  .input(input)
  .output(output)
  .mutation(({ ctx, input }) =>
    ctx.idempotent((trx) => proposeCollaboration(trx, ctx.now(), ctx.partner, input)),
  );
