// loyalty.member: one customer's membership, tier, balance and point history.
import { z } from 'zod';
import { memberStatus } from '../../crm/loyalty/members.ts';
import { can } from '../trpc.ts';

export const member = can('read', 'Loyalty')
  .input(z.object({ customerId: z.uuid() }))
  .query(({ ctx, input }) => memberStatus(ctx.db, input.customerId));
