// operator.setPartnerStatus: disables (or re-enables) a partner; a disabled partner cannot authenticate.
import { PROCEDURES } from '@concord/protocol/contract/procedures';
import { updatePartner } from '../../partners/partners.ts';
import { operatorMutation } from '../trpc.ts';

const { input, output } = PROCEDURES.setPartnerStatus;
export const setPartnerStatus = operatorMutation('update', 'Partner')
  .input(input)
  .output(output)
  .mutation(({ ctx, input }) =>
    ctx.idempotent((trx) => updatePartner(trx, ctx.now(), input.partnerId, { status: input.status })),
  );
