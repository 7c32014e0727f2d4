// privacy.requests.list: the compliance queue — deadlines first, filtered by status, kind, owner, overdue.
import { z } from 'zod';
import { depsOf } from '../../../deps.ts';
import { listPrivacyRequests } from '../../../privacy/requests.ts';
import { can } from '../../trpc.ts';
import { RequestKind, RequestStatus } from './schemas.ts';

export const ListPrivacyRequestsInput = z
  .object({
    status: z.array(RequestStatus).optional(),
    kind: z.array(RequestKind).optional(),
    ownerId: z.string().uuid().optional(),
    customerId: z.string().uuid().optional(),
    overdue: z.boolean().optional(),
    dueBefore: z.coerce.date().optional(),
    limit: z.number().int().min(1).max(1000).default(200),
  })
  .default({ limit: 200 });

export const list = can('read', 'PrivacyRequest')
  .input(ListPrivacyRequestsInput)
  .query(({ ctx, input }) => listPrivacyRequests(depsOf(ctx), input));
