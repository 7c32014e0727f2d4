// audit.list: the audit log, newest first, optionally for one subject; a page (offset/limit) and the total.
import { z } from 'zod';
import { countAuditEvents, listAuditEvents } from '../../audit/log.ts';
import { can } from '../trpc.ts';

export const ListAuditInput = z
  .object({
    subjectType: z.string().max(50).optional(),
    subjectId: z.string().max(200).optional(),
    beforeSeq: z.number().int().positive().optional(),
    offset: z.number().int().min(0).max(10_000_000).default(0),
    limit: z.number().int().min(1).max(500).default(100),
  })
  .default({ offset: 0, limit: 100 });

export const list = can('read', 'AuditLog')
  .input(ListAuditInput)
  .query(async ({ ctx, input }) => {
    const [items, total] = await Promise.all([
      listAuditEvents(ctx.db, input),
      countAuditEvents(ctx.db, input),
    ]);
    return { items, total, offset: input.offset, limit: input.limit };
  });
