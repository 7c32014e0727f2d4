// publications.publish (marketer): publish a consent-scoped, tokenized segment into a collaboration.
import { z } from 'zod';
import { federationDeps } from '../../collab/deps.ts';
import { publishSegment } from '../../collab/publish.ts';
import { can } from '../trpc.ts';

export const PublishSegmentInput = z.object({ collaborationId: z.uuid(), segmentId: z.uuid() });

export const publishSegmentProcedure = can('publish', 'Publication')
  .input(PublishSegmentInput)
  .mutation(({ ctx, input }) => publishSegment(federationDeps(ctx), { ...input, actor: ctx.user }));
