// privacy.report: Art. 15/19 — a person's consent history and where their data went, and when it was removed.
import { z } from 'zod';
import { privacyReport } from '../../consent/privacy-report.ts';
import { can } from '../trpc.ts';

export const report = can('read', 'DataTrail')
  .input(z.object({ customerId: z.string().uuid() }))
  .query(({ ctx, input }) => privacyReport(ctx.db, input.customerId));
