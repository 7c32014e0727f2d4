// users.create: adds a user with a role and an initial password (admin).
import { z } from 'zod';
import { createUser } from '../../auth/users.ts';
import { can } from '../trpc.ts';
import { Password, Role } from './schemas.ts';

export const CreateUserInput = z.object({
  email: z.string().email().max(200),
  role: Role,
  password: Password,
  displayName: z.string().max(200).nullish(),
});

export const create = can('create', 'User')
  .input(CreateUserInput)
  .mutation(({ ctx, input }) => createUser(ctx.db, input, ctx.user));
