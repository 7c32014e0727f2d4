// partners.revoke: the calling partner revokes its own credential (disables itself); only a new invitation brings it back.
import { PROCEDURES } from '@concord/protocol/contract/procedures';
import { updatePartner } from '../../partners/partners.ts';
import { partnerMutation } from '../trpc.ts';

const { input, output } = PROCEDURES.revokeOwnCredential;
export const revoke = partnerMutation
  .input(input)
  .output(output)
  .mutation(({ ctx }) =>
    ctx.idempotent((trx) => updatePartner(trx, ctx.now(), ctx.partner.id, { status: 'disabled' })),
  );
