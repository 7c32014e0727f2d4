// views.delete: remove one of the caller's saved views (another user's answers NOT_FOUND).
import { z } from 'zod';
import { deleteView } from '../../crm/views/saved-views.ts';
import { can } from '../trpc.ts';
import { viewScope } from './tables.ts';

export const remove = can('delete', 'SavedView')
  .input(z.object({ id: z.string().uuid() }))
  .mutation(({ ctx, input }) => deleteView(ctx.db, input.id, viewScope(ctx.ability, 'delete')));
