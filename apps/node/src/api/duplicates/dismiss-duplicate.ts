// duplicates.dismiss: marks a flagged pair as two different people (admin).

import { ConcordError } from '@concord/protocol/errors';
import { z } from 'zod';
import { setDuplicateStatus } from '../../crm/duplicates/flag.ts';
import { depsOf } from '../../deps.ts';
import { can } from '../trpc.ts';

export const PairInput = z.object({ customerA: z.string().uuid(), customerB: z.string().uuid() });

export const dismiss = can('update', 'Customer')
  .input(PairInput)
  .mutation(async ({ ctx, input }) => {
    const n = await setDuplicateStatus(depsOf(ctx), { ...input, status: 'dismissed' });
    if (n === 0) throw new ConcordError('NOT_FOUND', 'no such duplicate pair');
    return { dismissed: true };
  });
