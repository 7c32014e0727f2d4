// views.list: the caller's saved views of one console table, by name.
import { z } from 'zod';
import { listSavedViews } from '../../crm/views/saved-views.ts';
import { can } from '../trpc.ts';
import { assertTableReadable, ViewTable, viewScope } from './tables.ts';

export const ListViewsInput = z.object({ table: ViewTable });

export const list = can('read', 'SavedView')
  .input(ListViewsInput)
  .query(({ ctx, input }) => {
    assertTableReadable(ctx.ability, input.table);
    return listSavedViews(ctx.db, input.table, viewScope(ctx.ability, 'read'));
  });
