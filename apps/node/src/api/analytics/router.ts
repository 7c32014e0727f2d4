// analytics.*: chart-ready breakdowns, RFM scoring and customer trends.
import { router } from '../trpc.ts';
import { customerTrend } from './customer-trend.ts';
import { purchaseBreakdown } from './purchase-breakdown.ts';
import { rfm } from './rfm.ts';

export const analyticsRouter = router({ purchaseBreakdown, rfm, customerTrend });
