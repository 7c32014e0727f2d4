// audit.export: compliance exports a run of the audit log bound to its chain head (verifiable offline with
// verifyAuditExport); the export itself is recorded in the chain as `audit.exported`.
import { z } from 'zod';
import { exportAudit } from '../../audit/export.ts';
import { depsOf } from '../../deps.ts';
import { can } from '../trpc.ts';

export const ExportAuditInput = z
  .object({
    fromSeq: z.number().int().min(1).default(1),
    limit: z.number().int().min(1).max(10_000).default(10_000),
  })
  .default({ fromSeq: 1, limit: 10_000 });

export const exportAuditProcedure = can('export', 'AuditLog')
  .input(ExportAuditInput)
  .mutation(({ ctx, input }) =>
    exportAudit(depsOf(ctx), { ...input, node: ctx.config.name, actor: ctx.user }),
  );
