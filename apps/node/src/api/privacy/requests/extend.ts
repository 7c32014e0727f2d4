// privacy.requests.extend: extends the deadline once by two months, with a reason, before the first month ends.

import { depsOf } from '../../../deps.ts';
import { extendPrivacyRequest } from '../../../privacy/requests.ts';
import { can } from '../../trpc.ts';
import { ExtendPrivacyRequestInput } from './extend.schema.ts';

export const extend = can('update', 'PrivacyRequest')
  .input(ExtendPrivacyRequestInput)
  .mutation(({ ctx, input }) => extendPrivacyRequest(depsOf(ctx), { ...input, actor: ctx.user }));
