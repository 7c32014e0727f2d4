// operator.reissue: rotation from the console without showing a credential. The partner's current credential
// stops working at once and a new one-time invitation code for the same name and industry is issued; the node's
// admin enters it (Admin › Credentials) and receives its new credential directly from the clean room.

import { InviteOutput } from '@concord/protocol/contract/invitations';
import { PartnerRefInput } from '@concord/protocol/contract/partners';
import { reissueInvitation } from '../../partners/invitations.ts';
import { operatorMutation } from '../trpc.ts';

export const reissue = operatorMutation('update', 'Partner')
  .input(PartnerRefInput)
  .output(InviteOutput)
  .mutation(({ ctx, input }) =>
    ctx.idempotent((trx) => reissueInvitation(trx, ctx.now(), input.partnerId), { issuesSecret: true }),
  );
