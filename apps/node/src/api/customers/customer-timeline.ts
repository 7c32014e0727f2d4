// customers.timeline: purchases, service cases, contacts and follow-ups of one customer, newest first; follow-ups
// scoped exactly as followups.list (marketers: their own; compliance: none).
import { z } from 'zod';
import { getCustomer } from '../../crm/customers/customers.ts';
import { customerTimeline } from '../../crm/customers/timeline.ts';
import { followUpScope } from '../followups/list-followups.ts';
import { can } from '../trpc.ts';

export const TimelineInput = z.object({
  customerId: z.string().uuid(),
  limit: z.number().int().min(1).max(500).default(100),
  before: z.coerce.date().optional(),
});

export const timeline = can('read', 'Interaction')
  .input(TimelineInput)
  .query(async ({ ctx, input }) => {
    await getCustomer(ctx.db, input.customerId);
    return customerTimeline(ctx.db, input.customerId, input, {
      followUps: followUpScope(ctx.ability, 'read'),
    });
  });
