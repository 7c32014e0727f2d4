// operator.collaborations: every collaboration with its state, members (names), purposes and counts — metadata
// only; the operator sees no policy secret, token or member id.
import { CollaborationStatus, TokenMode } from '@concord/protocol/contract/collaborations';
import { Industry, Timestamp } from '@concord/protocol/contract/common';
import { z } from 'zod';
import { collaborationsOverview } from '../../operator/overview.ts';
import { operatorCan } from '../trpc.ts';

export const OperatorCollaborationsOutput = z.object({
  collaborations: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      status: CollaborationStatus,
      purposes: z.array(z.string()),
      tokenMode: TokenMode,
      createdAt: Timestamp,
      activatedAt: Timestamp.nullable(),
      expiresAt: Timestamp,
      livePublications: z.number().int(),
      matches: z.number().int(),
      members: z.array(
        z.object({ name: z.string(), industry: Industry, status: z.enum(['pending', 'approved', 'left']) }),
      ),
    }),
  ),
});

export const collaborations = operatorCan('read', 'Collaboration')
  .output(OperatorCollaborationsOutput)
  .query(({ ctx }) => collaborationsOverview(ctx.db, ctx.now()));
