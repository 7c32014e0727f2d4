// join.redeem: a node redeems its invitation code with its public key and receives its credential (once).
// Public on purpose: the one-time code is the proof; unknown, used and revoked codes get the same answer.
import { PROCEDURES } from '@concord/protocol/contract/procedures';
import { redeemInvitation } from '../../partners/invitations.ts';
import { publicProcedure } from '../trpc.ts';

const { input, output } = PROCEDURES.redeemInvitation;
export const redeem = publicProcedure
  .input(input)
  .output(output)
  .mutation(({ ctx, input }) => redeemInvitation(ctx.db, ctx.now(), input));
