// campaigns.importContacts: contact results from an email service's report (CSV), bad rows reported by line.

import { z } from 'zod';
import { getCampaign } from '../../crm/campaigns/campaigns.ts';
import { importContactsCsv } from '../../crm/campaigns/contacts.ts';
import { depsOf } from '../../deps.ts';
import { can } from '../trpc.ts';
import { contactContext } from './view.ts';

export const ImportContactsInput = z.object({
  campaignId: z.string().uuid(),
  /** `customer_external_id,channel,status,occurred_at` (header required). */
  csv: z.string().min(1).max(10_000_000),
});

export const importContacts = can('update', 'Campaign')
  .input(ImportContactsInput)
  .mutation(async ({ ctx, input }) =>
    importContactsCsv(depsOf(ctx), {
      ...contactContext(ctx),
      campaign: await getCampaign(ctx.db, input.campaignId),
      csv: input.csv,
    }),
  );
