// users.create: adds a user with a role and an initial password (admin).
import { createUser } from '../../auth/users.ts';
import { depsOf } from '../../deps.ts';
import { can } from '../trpc.ts';
import { CreateUserInput } from './create-user.schema.ts';

export const create = can('create', 'User')
  .input(CreateUserInput)
  .mutation(({ ctx, input }) => createUser(depsOf(ctx), { ...input, actor: ctx.user }));
