// operator.listPartners: the registry, for the operator.
import { PROCEDURES } from '@concord/protocol/contract/procedures';
import { listPartners as list } from '../../partners/partners.ts';
import { operatorCan } from '../trpc.ts';

const { input, output } = PROCEDURES.operatorListPartners;
export const listPartners = operatorCan('read', 'Partner')
  .input(input)
  .output(output)
  .query(({ ctx }) => list(ctx.db));
