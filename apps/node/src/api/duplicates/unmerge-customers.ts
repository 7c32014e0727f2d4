// duplicates.unmerge: undoes a merge within its window (admin); EXPIRED after it.

import { z } from 'zod';
import { unmergeCustomers } from '../../crm/duplicates/unmerge.ts';
import { depsOf } from '../../deps.ts';
import { can } from '../trpc.ts';

export const unmerge = can('update', 'Customer')
  .input(z.object({ mergeId: z.string().uuid() }))
  .mutation(({ ctx, input }) => unmergeCustomers(depsOf(ctx), { mergeId: input.mergeId, actor: ctx.user }));
