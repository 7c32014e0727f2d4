// Input of users.create: the contract shared with the console and the CLI (`@concord/node/contract`).
import { z } from 'zod';
import { Password, Role } from './schemas.ts';

export const CreateUserInput = z.object({
  email: z.string().email('Enter a valid email address').max(200),
  role: Role,
  password: Password,
  displayName: z.string().max(200).nullish(),
});
