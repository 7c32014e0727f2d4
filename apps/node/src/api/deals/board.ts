// deals.board: deals by pipeline stage (the console's Kanban), optionally one owner's.
import { z } from 'zod';
import { dealBoard } from '../../crm/deals/deals.ts';
import { can } from '../trpc.ts';

export const BoardInput = z.object({ owner: z.enum(['me', 'all']).default('all') }).default({ owner: 'all' });

export const board = can('read', 'Deal')
  .input(BoardInput)
  .query(({ ctx, input }) => dealBoard(ctx.db, input.owner === 'me' ? ctx.user.id : undefined));
