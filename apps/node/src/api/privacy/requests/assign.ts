// privacy.requests.assign: gives the request to a compliance officer.
import { z } from 'zod';
import { depsOf } from '../../../deps.ts';
import { assignPrivacyRequest } from '../../../privacy/requests.ts';
import { can } from '../../trpc.ts';

export const assign = can('update', 'PrivacyRequest')
  .input(z.object({ id: z.string().uuid(), ownerId: z.string().uuid() }))
  .mutation(({ ctx, input }) => assignPrivacyRequest(depsOf(ctx), { ...input, actor: ctx.user }));
