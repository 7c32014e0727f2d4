// audit.verify: recomputes the hash chain and names the first broken event (`concord audit verify`).
import { verifyAuditChain } from '../../audit/log.ts';
import { can } from '../trpc.ts';

export const verify = can('verify', 'AuditLog').mutation(({ ctx }) => verifyAuditChain(ctx.db));
