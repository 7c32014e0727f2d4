// operator.verifyAudit: recomputes the audit hash chain and names the first broken link.
import { PROCEDURES } from '@concord/protocol/contract/procedures';
import { verifyAuditChain } from '../../audit/log.ts';
import { operatorCan } from '../trpc.ts';

const { input, output } = PROCEDURES.verifyAudit;
export const verifyAudit = operatorCan('verify', 'AuditLog')
  .input(input)
  .output(output)
  .query(({ ctx }) => verifyAuditChain(ctx.db));
