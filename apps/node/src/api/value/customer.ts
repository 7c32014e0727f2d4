// value.customer: one customer's revenue, margin, CLV and tier (null before the first refresh or without purchases).
import { z } from 'zod';
import { customerValue } from '../../crm/value/value.ts';
import { can } from '../trpc.ts';

export const customer = can('read', 'Customer')
  .input(z.object({ customerId: z.uuid() }))
  .query(({ ctx, input }) => customerValue(ctx.db, input.customerId));
