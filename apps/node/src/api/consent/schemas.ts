// Zod schemas shared by the consent.* procedures.
import { COLLECTION_METHODS, PurposeId } from '@concord/consent/events';
import { z } from 'zod';

export const CustomerId = z.object({ customerId: z.string().uuid() });
export const Recipient = z.object({
  industry: z.string().min(1).max(40),
  partnerId: z.string().max(120).nullish(),
});
export const Purposes = z.array(PurposeId).min(1).max(50);
export const Method = z.enum(COLLECTION_METHODS);
