// users.update: change a user's role, name, password, or disable them (ends their sessions) (admin).
import { z } from 'zod';
import { updateUser } from '../../auth/users.ts';
import { depsOf } from '../../deps.ts';
import { can } from '../trpc.ts';
import { Password, Role } from './schemas.ts';

export const UpdateUserInput = z.object({
  id: z.string().uuid(),
  role: Role.optional(),
  displayName: z.string().max(200).nullish(),
  disabled: z.boolean().optional(),
  password: Password.optional(),
});

export const update = can('update', 'User')
  .input(UpdateUserInput)
  .mutation(({ ctx, input }) => updateUser(depsOf(ctx), { ...input, actor: ctx.user }));
