// notices.publish: freezes a new version of a notice's text (a change is always a new version).
import { PurposeId } from '@concord/consent/events';
import { z } from 'zod';
import { publishNoticeVersion } from '../../consent/notices.ts';
import { can } from '../trpc.ts';

export const PublishNoticeInput = z.object({
  key: z.string().regex(/^[a-z0-9][a-z0-9-]{0,60}$/),
  title: z.string().min(1).max(200),
  language: z.string().min(2).max(10),
  body: z.string().min(1).max(100_000),
  purposes: z.array(PurposeId).min(1),
});

export const publish = can('create', 'Notice')
  .input(PublishNoticeInput)
  .mutation(({ ctx, input }) => publishNoticeVersion(ctx.db, input, ctx.user, ctx.now()));
