// privacy.requests.create: logs a data-subject request with its channel, reference, receipt time and deadline.
import { ConcordError } from '@concord/protocol/errors';
import { z } from 'zod';
import { idsByExternalId } from '../../../crm/customers/upsert-customers.ts';
import { createPrivacyRequest } from '../../../privacy/requests.ts';
import { can } from '../../trpc.ts';
import { Purpose, RequestChannel, RequestKind } from './schemas.ts';

export const CreatePrivacyRequestInput = z
  .object({
    kind: RequestKind,
    /** The customer, by id or by the company's external id (bulk files). */
    customerId: z.string().uuid().optional(),
    customerExternalId: z.string().min(1).max(200).optional(),
    channel: RequestChannel,
    /** Ticket, letter or e-mail reference; required for erasure. */
    reference: z.string().trim().max(200).nullish(),
    purposes: z.array(Purpose).min(1).nullish(),
    receivedAt: z.coerce.date(),
    ownerId: z.string().uuid().nullish(),
    note: z.string().max(2000).nullish(),
  })
  .refine((v) => (v.customerId === undefined) !== (v.customerExternalId === undefined), {
    message: 'name the customer by customerId or customerExternalId',
    path: ['customerId'],
  })
  .refine((v) => v.kind !== 'erasure' || Boolean(v.reference), {
    message: 'an erasure request needs a reference',
    path: ['reference'],
  });

export const create = can('create', 'PrivacyRequest')
  .input(CreatePrivacyRequestInput)
  .mutation(async ({ ctx, input }) => {
    let customerId = input.customerId;
    if (!customerId) {
      const ids = await idsByExternalId(ctx.db, [input.customerExternalId as string]);
      customerId = ids.get(input.customerExternalId as string);
      if (!customerId)
        throw new ConcordError('NOT_FOUND', `no customer with external id ${input.customerExternalId}`);
    }
    return createPrivacyRequest(ctx.db, { ...input, customerId }, ctx.user, ctx.now());
  });
