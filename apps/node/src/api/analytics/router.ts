// analytics.*: chart-ready breakdowns, RFM scoring and customer trends.
import { router } from '../trpc.ts';
import { crossTab } from './cross-tab.ts';
import { customerTrend } from './customer-trend.ts';
import { policy } from './get-policy.ts';
import { purchaseBreakdown } from './purchase-breakdown.ts';
import { rfm } from './rfm.ts';
import { setPolicy } from './set-policy.ts';

export const analyticsRouter = router({ purchaseBreakdown, rfm, customerTrend, crossTab, policy, setPolicy });
