// duplicates.merge: merges one customer into another (admin); reversible for the node's mergeUndoDays.

import { z } from 'zod';
import { mergeCustomers } from '../../crm/duplicates/merge.ts';
import { depsOf } from '../../deps.ts';
import { can } from '../trpc.ts';

export const MergeInput = z.object({ survivorId: z.string().uuid(), mergedId: z.string().uuid() });

export const merge = can('update', 'Customer')
  .input(MergeInput)
  .mutation(({ ctx, input }) =>
    mergeCustomers(depsOf(ctx), {
      ...input,
      actor: ctx.user,
      undoDays: ctx.config.mergeUndoDays,
    }),
  );
