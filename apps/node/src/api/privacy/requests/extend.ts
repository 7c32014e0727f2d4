// privacy.requests.extend: extends the deadline once by two months, with a reason, before the first month ends.
import { z } from 'zod';
import { extendPrivacyRequest } from '../../../privacy/requests.ts';
import { can } from '../../trpc.ts';

export const ExtendPrivacyRequestInput = z.object({ id: z.string().uuid(), reason: z.string().max(1000) });

export const extend = can('update', 'PrivacyRequest')
  .input(ExtendPrivacyRequestInput)
  .mutation(({ ctx, input }) => extendPrivacyRequest(ctx.db, input, ctx.user, ctx.now()));
