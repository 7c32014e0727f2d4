// analytics.policy: the node's analytics policy (k, margin rate, CLV and value-tier parameters).
import { getAnalyticsPolicy } from '../../crm/analytics/policy.ts';
import { can } from '../trpc.ts';

export const policy = can('read', 'AnalyticsPolicy').query(({ ctx }) => getAnalyticsPolicy(ctx.db));
