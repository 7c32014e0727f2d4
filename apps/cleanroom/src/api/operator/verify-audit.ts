// operator.verifyAudit: recomputes the audit hash chain and names the first broken link.
import { PROCEDURES } from '@concord/protocol/contract/procedures';
import { verifyAuditChain } from '../../audit/log.ts';
import { operatorProcedure } from '../trpc.ts';

const { input, output } = PROCEDURES.verifyAudit;
export const verifyAudit = operatorProcedure
  .input(input)
  .output(output)
  .query(({ ctx }) => verifyAuditChain(ctx.db));
