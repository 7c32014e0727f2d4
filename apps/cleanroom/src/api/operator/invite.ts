// operator.invite: issues a one-time invitation code bound to a name and industry (shown once, stored hashed).
import { PROCEDURES } from '@concord/protocol/contract/procedures';
import { createInvitation } from '../../partners/invitations.ts';
import { operatorMutation } from '../trpc.ts';

const { input, output } = PROCEDURES.invite;
export const invite = operatorMutation
  .input(input)
  .output(output)
  .mutation(({ ctx, input }) =>
    ctx.idempotent((trx) => createInvitation(trx, ctx.now(), input), { issuesSecret: true }),
  );
