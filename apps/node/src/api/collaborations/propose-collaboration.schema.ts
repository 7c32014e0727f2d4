// Input of collaborations.propose (compliance): the contract shared with the console and the CLI (`@concord/node/contract`).
import { z } from 'zod';

const Purpose = z.string().regex(/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$/);

export const ProposeCollaborationInput = z.object({
  name: z.string().trim().min(1, 'Name the collaboration').max(120),
  description: z.string().max(2000).default(''),
  partnerIds: z.array(z.uuid()).min(1, 'Choose at least one partner').max(15),
  purposes: z.array(Purpose).min(1, 'Choose at least one purpose').max(32),
  policy: z.object({
    kMin: z.number().int().min(2).max(1_000_000),
    crossSellLists: z.boolean(),
    referralLists: z.boolean(),
    epsilonBudget: z.number().positive().max(100),
    epsilonPerQuery: z.number().positive().max(10).optional(),
    minSegmentSize: z.number().int().min(1).optional(),
    listTtlHours: z.number().int().min(1).max(8760).optional(),
    retentionDays: z.number().int().min(1).max(3650).optional(),
    /** Cross-partner campaign measurement (docs/campaigns.md); every member approves it with the proposal. */
    measurement: z.boolean().optional(),
  }),
  tokenMode: z.enum(['hmac', 'sha256']).default('hmac'),
  expiresAt: z.coerce.date(),
  kMinFloor: z.number().int().min(1).optional(),
});
