// collaborations.propose (compliance): generate and wrap the secret, propose at the clean room; audited with the mirror.
import { z } from 'zod';
import { auditActor } from '../../auth/actor.ts';
import { proposeCollaboration } from '../../collab/collaborations.ts';
import { federationDeps } from '../../collab/deps.ts';
import { can } from '../trpc.ts';
import { collaborationView } from './view.ts';

const Purpose = z.string().regex(/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$/);

export const ProposeCollaborationInput = z.object({
  name: z.string().trim().min(1).max(120),
  description: z.string().max(2000).default(''),
  partnerIds: z.array(z.uuid()).min(1).max(15),
  purposes: z.array(Purpose).min(1).max(32),
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

export const proposeCollaborationProcedure = can('create', 'Collaboration')
  .input(ProposeCollaborationInput)
  .mutation(async ({ ctx, input }) => {
    const c = await proposeCollaboration(federationDeps(ctx), { ...input, officer: ctx.user.id }, (c) => ({
      action: 'collaboration.propose',
      subjectType: 'Collaboration',
      subjectId: c.id,
      ...auditActor(ctx.user),
      at: ctx.now(),
      data: { name: c.name, purposes: c.purposes, partnerIds: input.partnerIds, tokenMode: c.tokenMode },
    }));
    return collaborationView(c);
  });
