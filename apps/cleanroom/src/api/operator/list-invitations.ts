// operator.listInvitations: every invitation with its status (open, redeemed, expired, revoked).
import { PROCEDURES } from '@concord/protocol/contract/procedures';
import { listInvitations as list } from '../../partners/invitations.ts';
import { operatorProcedure } from '../trpc.ts';

const { input, output } = PROCEDURES.listInvitations;
export const listInvitations = operatorProcedure
  .input(input)
  .output(output)
  .query(({ ctx }) => list(ctx.db, ctx.now()));
