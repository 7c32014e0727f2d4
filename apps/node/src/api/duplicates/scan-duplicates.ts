// duplicates.scan: flags every pair of active customers sharing a valid email or phone (admin).
import { flagDuplicates } from '../../crm/duplicates/flag.ts';
import { can } from '../trpc.ts';

export const scan = can('update', 'Customer').mutation(async ({ ctx }) => ({
  flagged: await flagDuplicates(ctx.db),
}));
