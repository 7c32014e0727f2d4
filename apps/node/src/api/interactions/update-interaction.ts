// interactions.update: edits an interaction, e.g. closes a service case with its outcome.

import { z } from 'zod';
import { updateInteraction } from '../../crm/history/interactions.ts';
import { depsOf } from '../../deps.ts';
import { can } from '../trpc.ts';
import { InteractionFields } from './log-interaction.ts';

export const UpdateInteractionInput = z.object({
  id: z.string().uuid(),
  patch: InteractionFields.partial(),
});

export const update = can('update', 'Interaction')
  .input(UpdateInteractionInput)
  .mutation(({ ctx, input }) => updateInteraction(depsOf(ctx), { id: input.id, patch: input.patch }));
