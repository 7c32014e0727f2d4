// privacy.requests.create: logs a data-subject request with its channel, reference, receipt time and deadline.
import { ConcordError } from '@concord/protocol/errors';
import { idsByExternalId } from '../../../crm/customers/upsert-customers.ts';
import { depsOf } from '../../../deps.ts';
import { createPrivacyRequest } from '../../../privacy/requests.ts';
import { can } from '../../trpc.ts';
import { CreatePrivacyRequestInput } from './create.schema.ts';

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
    return createPrivacyRequest(depsOf(ctx), { ...input, customerId, actor: ctx.user });
  });
