// operator.revokeInvitation: an open invitation's code stops working.
import { PROCEDURES } from '@concord/protocol/contract/procedures';
import { revokeInvitation as revoke } from '../../partners/invitations.ts';
import { operatorMutation } from '../trpc.ts';

const { input, output } = PROCEDURES.revokeInvitation;
export const revokeInvitation = operatorMutation
  .input(input)
  .output(output)
  .mutation(({ ctx, input }) => ctx.idempotent((trx) => revoke(trx, ctx.now(), input.invitationId)));
