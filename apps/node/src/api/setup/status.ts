// setup.status: whether this node still waits for its first admin (public: the console decides what to show).
import { z } from 'zod';
import { hasUsers } from '../../setup/first-run.ts';
import { publicProcedure } from '../trpc.ts';

export const SetupStatusOutput = z.object({ needed: z.boolean() });

export const status = publicProcedure
  .output(SetupStatusOutput)
  .query(async ({ ctx }) => ({ needed: !(await hasUsers(ctx.db)) }));
