// auth.changePassword: the signed-in user sets a new password (the current one required); any role.
import { z } from 'zod';
import { changeOwnPassword } from '../../auth/users.ts';
import { authedProcedure } from '../trpc.ts';
import { Password } from '../users/schemas.ts';

export const ChangePasswordInput = z.object({
  currentPassword: z.string().min(1).max(500),
  newPassword: Password,
});

export const changePassword = authedProcedure
  .input(ChangePasswordInput)
  .mutation(({ ctx, input }) => changeOwnPassword(ctx.db, input, ctx.user, ctx.now()));
