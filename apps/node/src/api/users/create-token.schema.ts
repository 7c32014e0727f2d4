// Input of users.createToken: the contract shared with the console and the CLI (`@concord/node/contract`).
import { z } from 'zod';

export const CreateTokenInput = z.object({
  /** Optional and only ever the caller's own id: a token is issued by its holder (naming anyone else: FORBIDDEN). */
  userId: z.string().uuid().optional(),
  name: z.string().min(1, 'Name the token, e.g. “nightly import”').max(100),
  expiresAt: z.coerce.date().nullish(),
});
