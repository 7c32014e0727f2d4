// auth.changePassword: the signed-in user sets a new password (the current one required); any role.
import { changeOwnPassword } from '../../auth/users.ts';
import { depsOf } from '../../deps.ts';
import { authedProcedure } from '../trpc.ts';
import { ChangePasswordInput } from './change-password.schema.ts';

export const changePassword = authedProcedure
  .input(ChangePasswordInput)
  .mutation(({ ctx, input }) => changeOwnPassword(depsOf(ctx), { ...input, actor: ctx.user }));
