// Input of users.createToken: the contract shared with the console and the CLI (`@concord/node/contract`).
import { z } from 'zod';

export const CreateTokenInput = z.object({
  userId: z.string().uuid('Choose a user'),
  name: z.string().min(1, 'Name the token, e.g. “nightly import”').max(100),
  expiresAt: z.coerce.date().nullish(),
});
