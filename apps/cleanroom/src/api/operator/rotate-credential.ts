// operator.rotateCredential: issues a new credential for a partner; the old one stops working at once.
import { PROCEDURES } from '@concord/protocol/contract/procedures';
import { rotateCredential as rotate } from '../../partners/partners.ts';
import { operatorMutation } from '../trpc.ts';

const { input, output } = PROCEDURES.rotateCredential;
export const rotateCredential = operatorMutation('update', 'Partner')
  .input(input)
  .output(output)
  .mutation(({ ctx, input }) =>
    ctx.idempotent((trx) => rotate(trx, ctx.now(), input.partnerId), { issuesSecret: true }),
  );
