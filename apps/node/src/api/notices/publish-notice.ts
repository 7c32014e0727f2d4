// notices.publish: freezes a new version of a notice's text (a change is always a new version).
import { publishNoticeVersion } from '../../consent/notices.ts';
import { depsOf } from '../../deps.ts';
import { can } from '../trpc.ts';
import { PublishNoticeInput } from './publish-notice.schema.ts';

export const publish = can('create', 'Notice')
  .input(PublishNoticeInput)
  .mutation(({ ctx, input }) => publishNoticeVersion(depsOf(ctx), { ...input, actor: ctx.user }));
