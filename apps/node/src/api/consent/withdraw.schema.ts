// Input of consent.withdraw: the contract shared with the console and the CLI (`@concord/node/contract`).
import { z } from 'zod';
import { Method, Purposes } from './schemas.ts';

export const WithdrawInput = z.object({
  customerId: z.string().uuid(),
  /** Omit to withdraw every top-level purpose (and so everything). */
  purposes: Purposes.optional(),
  collectionMethod: Method.default('phone'),
  source: z.string().min(1).max(200).default('console'),
  evidenceRef: z.string().max(500).nullish(),
});
