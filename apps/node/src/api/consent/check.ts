// consent.check: may this customer's data go to this recipient for this purpose now? allowed, or a reason code.
import { PurposeId } from '@concord/consent/events';
import { z } from 'zod';
import { checkEligibility } from '../../consent/state.ts';
import { depsOf } from '../../deps.ts';
import { can } from '../trpc.ts';
import { Recipient } from './schemas.ts';

export const check = can('read', 'Consent')
  .input(
    z.object({
      customerId: z.string().uuid(),
      purpose: PurposeId,
      recipient: Recipient,
      at: z.coerce.date().optional(),
    }),
  )
  .query(({ ctx, input }) =>
    checkEligibility(depsOf(ctx), {
      customerId: input.customerId,
      purpose: input.purpose,
      recipient: input.recipient,
      at: input.at ?? ctx.now(),
    }),
  );
