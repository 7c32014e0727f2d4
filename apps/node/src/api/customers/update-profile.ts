// customers.updateProfile: edits the working record (contact fields, tags, social profiles); owner-scoped.

import { getCustomer } from '../../crm/customers/customers.ts';
import { updateCustomerProfile } from '../../crm/customers/profile.ts';
import { depsOf } from '../../deps.ts';
import { can } from '../trpc.ts';
import { authorizeRecord } from './record-access.ts';
import { UpdateProfileInput } from './update-profile.schema.ts';

export const updateProfile = can('update', 'CustomerProfile')
  .input(UpdateProfileInput)
  .mutation(async ({ ctx, input }) => {
    await updateCustomerProfile(depsOf(ctx), {
      id: input.id,
      patch: input.patch,
      actor: { id: ctx.user.id, email: ctx.user.email },
      defaultRegion: ctx.config.defaultRegion,
      authorize: authorizeRecord(ctx.ability),
    });
    return getCustomer(ctx.db, input.id);
  });
