// loyalty.programme: the programme's rules (points per unit, multipliers, expiry, tiers).
import { getProgramme } from '../../crm/loyalty/programme.ts';
import { can } from '../trpc.ts';

export const programme = can('read', 'Loyalty').query(({ ctx }) => getProgramme(ctx.db));
