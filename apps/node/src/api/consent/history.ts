// consent.history: every consent event of a customer, newest first (append-only log).
import { consentHistory } from '../../consent/state.ts';
import { can } from '../trpc.ts';
import { CustomerId } from './schemas.ts';

export const history = can('read', 'Consent')
  .input(CustomerId)
  .query(({ ctx, input }) => consentHistory(ctx.db, input.customerId));
