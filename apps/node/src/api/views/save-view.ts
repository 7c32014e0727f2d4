// views.save: store the current table state under a name (same name again = update it). Owned by the caller.
import { z } from 'zod';
import { saveView } from '../../crm/views/saved-views.ts';
import { depsOf } from '../../deps.ts';
import { can } from '../trpc.ts';
import { assertTableReadable, ViewTable } from './tables.ts';

/** URL parameter names as the console writes them: letters, digits, dot, dash, underscore. */
const ParamName = z.string().regex(/^[A-Za-z][\w.-]{0,39}$/, 'a table parameter name');

export const SaveViewInput = z.object({
  table: ViewTable,
  name: z.string().trim().min(1, 'give the view a name').max(80, 'at most 80 characters'),
  state: z
    .record(ParamName, z.string().max(500))
    .refine((s) => Object.keys(s).length <= 30, 'at most 30 table settings'),
});

export const save = can('create', 'SavedView')
  .input(SaveViewInput)
  .mutation(({ ctx, input }) => {
    assertTableReadable(ctx.ability, input.table);
    // The page number is where the user was, not part of the view: a view always opens on page 1.
    const { page: _page, ...state } = input.state;
    return saveView(depsOf(ctx), { ownerId: ctx.user.id, table: input.table, name: input.name, state });
  });
