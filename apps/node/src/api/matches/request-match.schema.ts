// Input of matches.request (marketer): the contract shared with the console and the CLI (`@concord/node/contract`).
import { MatchKind } from '@concord/protocol/contract/matches';
import { z } from 'zod';

export const RequestMatchInput = z.object({
  collaborationId: z.uuid(),
  /** The protocol's kinds, so a new kind needs no change here. */
  kind: MatchKind,
  purpose: z.string().min(1).max(120),
  /** Our local publication id (its live version is matched). */
  publicationId: z.uuid('Choose one of your published segments'),
  partnerPublicationIds: z.array(z.uuid()).min(1, 'Choose at least one partner segment').max(16),
  offer: z
    .object({ title: z.string().min(1).max(200), description: z.string().max(2000).optional() })
    .optional(),
});
