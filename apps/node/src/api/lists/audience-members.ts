// lists.members: the customers currently in a stored audience (withdrawn or erased people are gone).
import { z } from 'zod';
import { audienceMembers } from '../../collab/audience.ts';
import { depsOf } from '../../deps.ts';
import { can } from '../trpc.ts';

export const AudienceMembersInput = z.object({ listId: z.uuid() });

export const audienceMembersProcedure = can('read', 'AudienceList')
  .input(AudienceMembersInput)
  .query(({ ctx, input }) => audienceMembers(depsOf(ctx), { listId: input.listId }));
