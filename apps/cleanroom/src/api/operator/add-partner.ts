// operator.addPartner: registers a partner; its credential is returned once and stored only hashed.
import { PROCEDURES } from '@concord/protocol/contract/procedures';
import { addPartner as add } from '../../partners/partners.ts';
import { operatorMutation } from '../trpc.ts';

const { input, output } = PROCEDURES.addPartner;
export const addPartner = operatorMutation('create', 'Partner')
  .input(input)
  .output(output)
  .mutation(({ ctx, input }) => ctx.idempotent((trx) => add(trx, ctx.now(), input), { issuesSecret: true }));
