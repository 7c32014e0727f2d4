// partners.rotateCredential: the calling partner gets a new credential; the one it called with stops at once.
import { PROCEDURES } from '@concord/protocol/contract/procedures';
import { rotateCredential as rotate } from '../../partners/partners.ts';
import { partnerMutation } from '../trpc.ts';

const { input, output } = PROCEDURES.rotateOwnCredential;
export const rotateCredential = partnerMutation
  .input(input)
  .output(output)
  .mutation(({ ctx }) =>
    ctx.idempotent((trx) => rotate(trx, ctx.now(), ctx.partner.id), { issuesSecret: true }),
  );
