// consent.sweepExpired: records `expired` for lapsed consents so they leave publications (also run on a timer).
import { sweepExpiredConsents } from '../../consent/sweep.ts';
import { can } from '../trpc.ts';

export const sweepExpired = can('update', 'Consent').mutation(({ ctx }) =>
  sweepExpiredConsents(ctx.db, ctx.now()),
);
