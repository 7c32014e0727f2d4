// audit.list: the audit log, newest first, optionally for one subject.
import { z } from 'zod';
import { listAuditEvents } from '../../audit/log.ts';
import { can } from '../trpc.ts';

export const ListAuditInput = z
  .object({
    subjectType: z.string().max(50).optional(),
    subjectId: z.string().max(200).optional(),
    beforeSeq: z.number().int().positive().optional(),
    limit: z.number().int().min(1).max(500).default(100),
  })
  .default({ limit: 100 });

export const list = can('read', 'AuditLog')
  .input(ListAuditInput)
  .query(({ ctx, input }) => listAuditEvents(ctx.db, input));
