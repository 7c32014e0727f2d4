// lists.archive / lists.unarchive (marketer): archived lists stay readable but leave pickers; audited.
import { z } from 'zod';
import { audienceStatus } from '../../collab/audience-status.ts';
import { setListArchived } from '../../collab/list-admin.ts';
import { depsOf } from '../../deps.ts';
import { can } from '../trpc.ts';
import { audienceListView } from './view.ts';

export const ArchiveListInput = z.object({ listId: z.uuid() });

function archiving(archived: boolean) {
  return can('update', 'AudienceList')
    .input(ArchiveListInput)
    .mutation(async ({ ctx, input }) => {
      const l = await setListArchived(depsOf(ctx), {
        listId: input.listId,
        archived,
        actor: { id: ctx.user.id, email: ctx.user.email },
      });
      return audienceListView(l, (await audienceStatus(ctx.db, [l.id])).get(l.id));
    });
}

export const archiveListProcedure = archiving(true);
export const unarchiveListProcedure = archiving(false);
