// auth.changePassword's input, shared with the console's "My account" form through `@concord/node/contract`.
import { z } from 'zod';
import { Password } from '../users/schemas.ts';

export const ChangePasswordInput = z.object({
  currentPassword: z.string().min(1, 'Enter your current password').max(500),
  newPassword: Password,
});
