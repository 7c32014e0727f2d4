// privacy.requests.exportAccess: the Art. 15 export for an access request (completes it; every export is audited).

import { depsOf } from '../../../deps.ts';
import { exportAccessRequest } from '../../../privacy/access-export.ts';
import { can } from '../../trpc.ts';
import { RequestId } from './schemas.ts';

export const exportAccess = can('update', 'PrivacyRequest')
  .input(RequestId)
  .mutation(({ ctx, input }) => exportAccessRequest(depsOf(ctx), { id: input.id, actor: ctx.user }));
