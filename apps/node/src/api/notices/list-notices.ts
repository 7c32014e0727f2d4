// notices.list: every version of every consent notice (exact texts).
import { listNoticeVersions } from '../../consent/notices.ts';
import { can } from '../trpc.ts';

export const list = can('read', 'Notice').query(({ ctx }) => listNoticeVersions(ctx.db));
