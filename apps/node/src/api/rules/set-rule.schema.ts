// Input of rules.set: the contract shared with the console and the CLI (`@concord/node/contract`).
import { PurposeId } from '@concord/consent/events';
import { z } from 'zod';

export const SetRuleInput = z.object({
  purpose: PurposeId,
  allowedIndustries: z.array(z.string().min(1).max(40)).min(1, 'Choose at least one industry').max(20),
  maxConsentAgeDays: z.number().int().positive().nullable(),
  kMin: z.number().int().min(1).max(1_000_000),
  listsAllowed: z.boolean(),
  retentionDays: z.number().int().positive().max(3650),
  note: z.string().max(1000).nullish(),
});
