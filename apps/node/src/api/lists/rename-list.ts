// lists.rename (marketer): a new name, unique among the lists kept (CONFLICT otherwise); audited.
import { z } from 'zod';
import { audienceStatus } from '../../collab/audience-status.ts';
import { renameList } from '../../collab/list-admin.ts';
import { depsOf } from '../../deps.ts';
import { can } from '../trpc.ts';
import { audienceListView } from './view.ts';

export const RenameListInput = z.object({
  listId: z.uuid(),
  name: z.string().trim().min(1, 'Name the list').max(200, 'Keep the name under 200 characters'),
});

export const renameListProcedure = can('update', 'AudienceList')
  .input(RenameListInput)
  .mutation(async ({ ctx, input }) => {
    const l = await renameList(depsOf(ctx), {
      listId: input.listId,
      name: input.name,
      actor: { id: ctx.user.id, email: ctx.user.email },
    });
    return audienceListView(l, (await audienceStatus(ctx.db, [l.id])).get(l.id));
  });
