// operator.auditEvents: the whole audit log, for the operator.
import { PROCEDURES } from '@concord/protocol/contract/procedures';
import { listAuditEvents } from '../../audit/log.ts';
import { operatorCan } from '../trpc.ts';

const { input, output } = PROCEDURES.operatorAuditEvents;
export const auditEvents = operatorCan('read', 'AuditLog')
  .input(input)
  .output(output)
  .query(({ ctx, input }) => listAuditEvents(ctx.db, input));
