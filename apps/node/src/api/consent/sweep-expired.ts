// consent.sweepExpired: records `expired` for lapsed consents so they leave publications (also run on a timer).
// A compliance action: it writes consent events for many customers at once. Marketers may only withdraw
// (`update Consent`); recording consent events is `create Consent` (compliance). The node's timer runs it as system.
import { sweepExpiredConsents } from '../../consent/sweep.ts';
import { depsOf } from '../../deps.ts';
import { can } from '../trpc.ts';

export const sweepExpired = can('create', 'Consent').mutation(({ ctx }) => sweepExpiredConsents(depsOf(ctx)));
