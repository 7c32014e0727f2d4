// rules.history: every version of the rules (of one purpose), with author and time.
import { PurposeId } from '@concord/consent/events';
import { z } from 'zod';
import { ruleHistory } from '../../consent/rules.ts';
import { can } from '../trpc.ts';

export const history = can('read', 'ConsentRule')
  .input(z.object({ purpose: PurposeId.optional() }).optional())
  .query(({ ctx, input }) => ruleHistory(ctx.db, input?.purpose));
