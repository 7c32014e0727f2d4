// cleanroom.revoke: revokes this node's clean-room credential (the node leaves until re-invited) (admin).
import { z } from 'zod';
import { revokeCleanroomCredential } from '../../collab/join.ts';
import { can } from '../trpc.ts';

export const RevokeOutput = z.object({ partnerId: z.string() });

export const revoke = can('delete', 'Credential')
  .output(RevokeOutput)
  .mutation(({ ctx }) => revokeCleanroomCredential(ctx, ctx.user));
