// value.summary: customers, revenue, margin, CLV and margin share per profitability tier.
import { valueSummary } from '../../crm/value/value.ts';
import { can } from '../trpc.ts';

export const summary = can('read', 'Analytics').query(({ ctx }) => valueSummary(ctx.db));
