// publications.withdrawals: propagation of consent withdrawals to the clean room (pending, p50/p99 delay).
import { z } from 'zod';
import { withdrawalStats } from '../../collab/withdrawal-sender.ts';
import { can } from '../trpc.ts';

export const WithdrawalStatusInput = z.object({ since: z.coerce.date().optional() }).default({});

export const withdrawalStatusProcedure = can('read', 'Publication')
  .input(WithdrawalStatusInput)
  .query(({ ctx, input }) => withdrawalStats(ctx.db, input.since));
