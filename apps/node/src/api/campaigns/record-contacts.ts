// campaigns.recordContacts: contact results entered in the console (consent re-checked before each).

import { z } from 'zod';
import { getCampaign } from '../../crm/campaigns/campaigns.ts';
import { CAMPAIGN_CHANNELS } from '../../crm/campaigns/channels.ts';
import { CONTACT_STATUSES, recordContacts as record } from '../../crm/campaigns/contacts.ts';
import { depsOf } from '../../deps.ts';
import { can } from '../trpc.ts';
import { contactContext } from './view.ts';

export const RecordContactsInput = z.object({
  campaignId: z.string().uuid(),
  contacts: z
    .array(
      z.object({
        customerId: z.string().uuid(),
        channel: z.enum(CAMPAIGN_CHANNELS),
        status: z.enum(CONTACT_STATUSES),
        occurredAt: z.coerce.date(),
      }),
    )
    .min(1)
    .max(5000),
});

export const recordContacts = can('update', 'Campaign')
  .input(RecordContactsInput)
  .mutation(async ({ ctx, input }) =>
    record(depsOf(ctx), {
      ...contactContext(ctx),
      campaign: await getCampaign(ctx.db, input.campaignId),
      rows: input.contacts,
    }),
  );
