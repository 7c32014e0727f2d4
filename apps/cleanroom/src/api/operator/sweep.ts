// operator.sweep: runs retention now (also runs on a timer in the server).
import { PROCEDURES } from '@concord/protocol/contract/procedures';
import { sweep as runSweep } from '../../retention/sweep.ts';
import { operatorCan } from '../trpc.ts';

const { input, output } = PROCEDURES.sweep;
// Not behind an idempotency key: a sweep is naturally idempotent.
export const sweep = operatorCan('update', 'Retention')
  .input(input)
  .output(output)
  .mutation(({ ctx }) => runSweep(ctx.db, ctx.now()));
