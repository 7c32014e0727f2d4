// value.refresh (marketer): recompute margins, CLV and profitability tiers for every customer as of now.

import { refreshCustomerValue } from '../../crm/value/value.ts';
import { depsOf } from '../../deps.ts';
import { can } from '../trpc.ts';

export const refresh = can('read', 'Analytics').mutation(({ ctx }) => refreshCustomerValue(depsOf(ctx)));
