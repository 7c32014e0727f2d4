// Zod schemas shared by the users.* procedures.
import { ROLES } from '@concord/access';
import { z } from 'zod';

export const Role = z.enum(ROLES);
export const Password = z.string().min(10, 'At least 10 characters').max(500);
