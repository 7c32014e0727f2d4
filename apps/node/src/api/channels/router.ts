// channels.*: acquisition channel analytics and monthly channel costs.
import { router } from '../trpc.ts';
import { analytics } from './channel-analytics.ts';
import { costs } from './list-costs.ts';
import { setCost } from './set-cost.ts';

export const channelsRouter = router({ analytics, costs, setCost });
