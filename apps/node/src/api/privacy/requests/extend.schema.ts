// Input of privacy.requests.extend (compliance): the contract shared with the console (`@concord/node/contract`).
import { z } from 'zod';

export const ExtendPrivacyRequestInput = z.object({
  id: z.string().uuid(),
  reason: z.string().trim().min(10, 'Say why (at least 10 characters)').max(1000),
});
