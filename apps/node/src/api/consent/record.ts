// consent.record: appends one consent event (given/refused/withdrawn/expired) with its full provenance.
import { ConsentSignal } from '@concord/consent/events';
import { z } from 'zod';
import { recordConsent } from '../../consent/record.ts';
import { depsOf } from '../../deps.ts';
import { can } from '../trpc.ts';

export const RecordConsentInput = z.intersection(z.object({ customerId: z.string().uuid() }), ConsentSignal);

export const record = can('create', 'Consent')
  .input(RecordConsentInput)
  .mutation(async ({ ctx, input }) => {
    const result = await recordConsent(depsOf(ctx), { event: input, actor: ctx.user, via: 'console' });
    return { eventId: result.eventIds[0]!, withdrawalsQueued: result.ineligible.length };
  });
