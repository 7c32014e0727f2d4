// privacy.requests.check: completes every waiting request whose person no publication or list holds any more.

import { depsOf } from '../../../deps.ts';
import { settlePrivacyRequests } from '../../../privacy/carry-out.ts';
import { can } from '../../trpc.ts';

export const check = can('update', 'PrivacyRequest').mutation(({ ctx }) =>
  settlePrivacyRequests(depsOf(ctx)),
);
