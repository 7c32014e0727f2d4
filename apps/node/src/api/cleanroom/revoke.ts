// cleanroom.revoke: revokes this node's clean-room credential (the node leaves until re-invited) (admin).
import { z } from 'zod';
import { revokeCleanroomCredential } from '../../collab/join.ts';
import { depsOf } from '../../deps.ts';
import { can } from '../trpc.ts';

export const RevokeOutput = z.object({ partnerId: z.string() });

export const revoke = can('delete', 'Credential')
  .output(RevokeOutput)
  .mutation(({ ctx }) =>
    revokeCleanroomCredential({ ...depsOf(ctx), config: ctx.config }, { actor: ctx.user }),
  );
