// publications.partners: partner segments visible in a collaboration (name, owner, size band) to match against.
import { z } from 'zod';
import { federationDeps } from '../../collab/deps.ts';
import { partnerPublications } from '../../collab/matches.ts';
import { can } from '../trpc.ts';

export const PartnerPublicationsInput = z.object({ collaborationId: z.uuid() });

export const partnerPublicationsProcedure = can('read', 'Publication')
  .input(PartnerPublicationsInput)
  .query(({ ctx, input }) => partnerPublications(federationDeps(ctx), input.collaborationId));
