// privacy.requests.get: one request, and for a carried-out one what still holds the person (read only).

import { depsOf } from '../../../deps.ts';
import { propagationOf } from '../../../privacy/completion.ts';
import { getPrivacyRequest } from '../../../privacy/requests.ts';
import { can } from '../../trpc.ts';
import { RequestId } from './schemas.ts';

export const get = can('read', 'PrivacyRequest')
  .input(RequestId)
  .query(async ({ ctx, input }) => {
    const request = await getPrivacyRequest(depsOf(ctx), input);
    const row = await ctx.db
      .selectFrom('privacy_request')
      .selectAll()
      .where('id', '=', input.id)
      .executeTakeFirstOrThrow();
    const propagation =
      request.kind === 'access' || !request.actionedAt ? null : await propagationOf(ctx.db, row);
    return { request, propagation };
  });
