// consent.current: the state of every purpose for a customer, derived from the events.
import { z } from 'zod';
import { currentConsent } from '../../consent/state.ts';
import { depsOf } from '../../deps.ts';
import { can } from '../trpc.ts';

export const current = can('read', 'Consent')
  .input(z.object({ customerId: z.string().uuid(), at: z.coerce.date().optional() }))
  .query(({ ctx, input }) =>
    currentConsent(depsOf(ctx), { customerId: input.customerId, at: input.at ?? ctx.now() }),
  );
