// deals.forecast: actuals, trend, weighted pipeline and forecast by month.
import { z } from 'zod';
import { salesForecast } from '../../crm/deals/forecast.ts';
import { depsOf } from '../../deps.ts';
import { can } from '../trpc.ts';

export const ForecastInput = z
  .object({
    history: z.number().int().min(1).max(60).default(12),
    ahead: z.number().int().min(1).max(24).default(6),
    fitMonths: z.number().int().min(2).max(60).default(12),
  })
  .default({ history: 12, ahead: 6, fitMonths: 12 });

export const forecast = can('read', 'Deal')
  .input(ForecastInput)
  .query(({ ctx, input }) => salesForecast(depsOf(ctx), input));
