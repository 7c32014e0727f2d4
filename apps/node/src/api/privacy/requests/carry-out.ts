// privacy.requests.carryOut: withdraws consent (withdrawal, objection) or erases (erasure), then waits for propagation.

import { depsOf } from '../../../deps.ts';
import { carryOutPrivacyRequest } from '../../../privacy/carry-out.ts';
import { can } from '../../trpc.ts';
import { RequestId } from './schemas.ts';

export const carryOut = can('update', 'PrivacyRequest')
  .input(RequestId)
  .mutation(({ ctx, input }) => carryOutPrivacyRequest(depsOf(ctx), { id: input.id, actor: ctx.user }));
