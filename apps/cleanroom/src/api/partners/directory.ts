// partners.directory: every registered partner with its X25519 public key (to wrap collaboration secrets).
import { PROCEDURES } from '@concord/protocol/contract/procedures';
import { listPartners } from '../../partners/partners.ts';
import { partnerProcedure } from '../trpc.ts';

const { input, output } = PROCEDURES.listPartners;
export const directory = partnerProcedure
  .input(input)
  .output(output)
  .query(({ ctx }) => listPartners(ctx.db));
