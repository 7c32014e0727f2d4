// lists.delete (marketer): removes the members and hides the list; a list a campaign uses is refused (CONFLICT).
import { z } from 'zod';
import { deleteList } from '../../collab/list-admin.ts';
import { depsOf } from '../../deps.ts';
import { can } from '../trpc.ts';

export const DeleteListInput = z.object({ listId: z.uuid() });

export const deleteListProcedure = can('delete', 'AudienceList')
  .input(DeleteListInput)
  .mutation(({ ctx, input }) =>
    deleteList(depsOf(ctx), {
      listId: input.listId,
      actor: { id: ctx.user.id, email: ctx.user.email },
    }),
  );
