// interactions.log: records a contact or a service case on a customer's timeline.

import { z } from 'zod';
import { logInteraction } from '../../crm/history/interactions.ts';
import { depsOf } from '../../deps.ts';
import { can } from '../trpc.ts';

const Short = z.string().trim().min(1).max(200);

export const InteractionFields = z.object({
  occurredAt: z.coerce.date(),
  closedAt: z.coerce.date().nullish(),
  product: Short.nullish(),
  outcome: Short.nullish(),
  channel: Short.nullish(),
  direction: z.enum(['inbound', 'outbound']).nullish(),
  summary: z.string().trim().max(4000).nullish(),
});

export const LogInteractionInput = InteractionFields.extend({
  customerId: z.string().uuid(),
  kind: z.enum(['service_case', 'contact']),
});

export const log = can('create', 'Interaction')
  .input(LogInteractionInput)
  .mutation(({ ctx, input }) => logInteraction(depsOf(ctx), { ...input, createdBy: ctx.user.id }));
