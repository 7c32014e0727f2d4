// consent.withdraw: the customer withdraws consent for some purposes (or all): effective now, removed from publications within seconds.
import { PURPOSES } from '@concord/consent/purposes';
import { z } from 'zod';
import { withdrawConsent } from '../../consent/record.ts';
import { can } from '../trpc.ts';
import { Method, Purposes } from './schemas.ts';

export const WithdrawInput = z.object({
  customerId: z.string().uuid(),
  /** Omit to withdraw every top-level purpose (and so everything). */
  purposes: Purposes.optional(),
  collectionMethod: Method.default('phone'),
  source: z.string().min(1).max(200).default('console'),
  evidenceRef: z.string().max(500).nullish(),
});

export const withdraw = can('update', 'Consent')
  .input(WithdrawInput)
  .mutation(async ({ ctx, input }) => {
    const purposes = input.purposes ?? PURPOSES.filter((p) => !p.id.includes('.')).map((p) => p.id);
    const result = await withdrawConsent(
      ctx.db,
      { ...input, purposes },
      { actor: ctx.user, via: 'console', now: ctx.now() },
    );
    return { eventIds: result.eventIds, withdrawalsQueued: result.ineligible.length };
  });
