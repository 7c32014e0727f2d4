// publications.list: this node's publications (all versions, newest first), optionally for one collaboration.
import { z } from 'zod';
import { listPublications } from '../../collab/publish.ts';
import { can } from '../trpc.ts';
import { publicationView } from './view.ts';

export const ListPublicationsInput = z.object({ collaborationId: z.uuid().optional() }).default({});

export const listPublicationsProcedure = can('read', 'Publication')
  .input(ListPublicationsInput)
  .query(async ({ ctx, input }) =>
    (await listPublications(ctx.db, input.collaborationId)).map(publicationView),
  );
