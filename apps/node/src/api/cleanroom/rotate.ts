// cleanroom.rotate: a new clean-room credential for this node; the old one stops working at once (admin).
import { z } from 'zod';
import { rotateCleanroomCredential } from '../../collab/join.ts';
import { depsOf } from '../../deps.ts';
import { can } from '../trpc.ts';

export const RotateOutput = z.object({ partnerId: z.string() });

export const rotate = can('update', 'Credential')
  .output(RotateOutput)
  .mutation(({ ctx }) =>
    rotateCleanroomCredential({ ...depsOf(ctx), config: ctx.config }, { actor: ctx.user }),
  );
