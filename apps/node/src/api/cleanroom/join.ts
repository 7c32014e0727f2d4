// cleanroom.join: the admin enters the operator's invitation code; the node registers its key and keeps its credential.
import { z } from 'zod';
import { joinCleanroom } from '../../collab/join.ts';
import { depsOf } from '../../deps.ts';
import { can } from '../trpc.ts';

export const JoinInput = z.object({ code: z.string().trim().min(10).max(200) });
export const JoinOutput = z.object({
  partner: z.object({ id: z.string(), name: z.string(), industry: z.string() }),
});

export const join = can('create', 'Credential')
  .input(JoinInput)
  .output(JoinOutput)
  .mutation(({ ctx, input }) =>
    joinCleanroom({ ...depsOf(ctx), config: ctx.config }, { code: input.code, actor: ctx.user }),
  );
