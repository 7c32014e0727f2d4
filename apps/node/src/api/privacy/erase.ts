// privacy.erase: Art. 17 — deletes the customer and everything published for them, keeping only a tombstone.
import { z } from 'zod';
import { eraseCustomer } from '../../consent/erasure.ts';
import { depsOf } from '../../deps.ts';
import { can } from '../trpc.ts';

export const erase = can('erase', 'Customer')
  .input(z.object({ customerId: z.string().uuid(), requestRef: z.string().max(200).nullish() }))
  .mutation(({ ctx, input }) => eraseCustomer(depsOf(ctx), { ...input, actor: ctx.user }));
