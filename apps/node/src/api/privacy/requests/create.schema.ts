// Input of privacy.requests.create (compliance): the contract shared with the console and the CLI
// (`@concord/node/contract`). The channel is asked, never defaulted; an erasure needs a reference.
import { z } from 'zod';
import { Purpose, RequestChannel, RequestKind } from './schemas.ts';

export const CreatePrivacyRequestInput = z
  .object({
    kind: z.enum(RequestKind.options, 'Choose the kind of request'),
    /** The customer, by id or by the company's external id (bulk files). */
    customerId: z.string().uuid().optional(),
    customerExternalId: z.string().min(1).max(200).optional(),
    channel: z.enum(RequestChannel.options, 'How did the request reach us?'),
    /** Ticket, letter or e-mail reference; required for erasure. */
    reference: z.string().trim().max(200).nullish(),
    purposes: z.array(Purpose).min(1).nullish(),
    receivedAt: z.coerce.date('When was it received?'),
    ownerId: z.string().uuid().nullish(),
    note: z.string().max(2000).nullish(),
  })
  .refine((v) => (v.customerId === undefined) !== (v.customerExternalId === undefined), {
    message: 'Name the customer by customerId or customerExternalId',
    path: ['customerId'],
  })
  .refine((v) => v.kind !== 'erasure' || Boolean(v.reference), {
    message: 'An erasure needs a reference (ticket or letter number)',
    path: ['reference'],
  });
