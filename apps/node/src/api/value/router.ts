// value.*: margin-aware revenue, CLV and profitability tiers.
import { router } from '../trpc.ts';
import { customer } from './customer.ts';
import { refresh } from './refresh.ts';
import { summary } from './summary.ts';

export const valueRouter = router({ refresh, summary, customer });
