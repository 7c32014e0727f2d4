// audit.events: the audit events that concern the calling partner's data or memberships.
import { PROCEDURES } from '@concord/protocol/contract/procedures';
import { listAuditEvents } from '../../audit/log.ts';
import { partnerProcedure } from '../trpc.ts';

const { input, output } = PROCEDURES.auditEvents;
export const events = partnerProcedure
  .input(input)
  .output(output)
  .query(({ ctx, input }) => listAuditEvents(ctx.db, { ...input, partnerId: ctx.partner.id }));
