// lists.delivered: lists the clean room holds for this node (cross-sell and referral), fetched or not.
import { z } from 'zod';
import { federationDeps } from '../../collab/deps.ts';
import { deliveredLists } from '../../collab/lists.ts';
import { can } from '../trpc.ts';

export const DeliveredListsInput = z.object({ collaborationId: z.uuid().optional() }).default({});

export const deliveredListsProcedure = can('read', 'AudienceList')
  .input(DeliveredListsInput)
  .query(({ ctx, input }) => deliveredLists(federationDeps(ctx), input.collaborationId));
