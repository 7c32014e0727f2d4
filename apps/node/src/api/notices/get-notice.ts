// notices.get: one notice version with the exact text shown to customers.
import { z } from 'zod';
import { getNoticeVersion } from '../../consent/notices.ts';
import { can } from '../trpc.ts';

export const get = can('read', 'Notice')
  .input(z.object({ id: z.string().uuid() }))
  .query(({ ctx, input }) => getNoticeVersion(ctx.db, input.id));
