// operator.setPublicKey: records a partner's new X25519 public key (after the partner rotates its key pair).
import { PROCEDURES } from '@concord/protocol/contract/procedures';
import { updatePartner } from '../../partners/partners.ts';
import { operatorMutation } from '../trpc.ts';

const { input, output } = PROCEDURES.setPartnerPublicKey;
export const setPublicKey = operatorMutation('update', 'Partner')
  .input(input)
  .output(output)
  .mutation(({ ctx, input }) =>
    ctx.idempotent((trx) => updatePartner(trx, ctx.now(), input.partnerId, { publicKey: input.publicKey })),
  );
