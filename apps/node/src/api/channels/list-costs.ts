// channels.costs: entered channel costs, newest month first.
import { listChannelCosts } from '../../crm/channels/costs.ts';
import { can } from '../trpc.ts';

export const costs = can('read', 'ChannelCost').query(({ ctx }) => listChannelCosts(ctx.db));
