// partners.whoami: the calling partner as the clean room knows it (checks a credential works).
import { PROCEDURES } from '@concord/protocol/contract/procedures';
import { getPartner } from '../../partners/partners.ts';
import { partnerProcedure } from '../trpc.ts';

const { input, output } = PROCEDURES.whoami;
export const whoami = partnerProcedure
  .input(input)
  .output(output)
  .query(({ ctx }) => getPartner(ctx.db, ctx.partner.id));
