// users.*: user and API-token administration (create, change, reset password, unlock sign-in).
import { router } from '../trpc.ts';
import { createToken } from './create-token.ts';
import { create } from './create-user.ts';
import { listTokens } from './list-tokens.ts';
import { list } from './list-users.ts';
import { revokeToken } from './revoke-token.ts';
import { unlock } from './unlock-user.ts';
import { update } from './update-user.ts';

export const usersRouter = router({
  list,
  create,
  update,
  unlock,
  listTokens,
  createToken,
  revokeToken,
});
