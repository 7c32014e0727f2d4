// users.unlock: lift a user's sign-in pause from every address (after repeated failures) (admin).
import { z } from 'zod';
import { unlockUser } from '../../auth/users.ts';
import { depsOf } from '../../deps.ts';
import { can } from '../trpc.ts';

export const UnlockUserInput = z.object({ id: z.string().uuid() });

export const unlock = can('update', 'User')
  .input(UnlockUserInput)
  .mutation(({ ctx, input }) => unlockUser(depsOf(ctx), { id: input.id, actor: ctx.user }));
