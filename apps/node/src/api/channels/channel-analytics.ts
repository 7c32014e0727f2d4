// channels.analytics: customers acquired, revenue, repeat rate, cost per customer and ROI by channel and month.
import { z } from 'zod';
import { channelAnalytics } from '../../crm/channels/analytics.ts';
import { can } from '../trpc.ts';

export const ChannelAnalyticsInput = z.object({ from: z.coerce.date(), to: z.coerce.date() });

export const analytics = can('read', 'Analytics')
  .input(ChannelAnalyticsInput)
  .query(({ ctx, input }) => channelAnalytics(ctx.db, input.from, input.to));
