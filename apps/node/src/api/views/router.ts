// views.*: per-user saved views of the console's tables.
import { router } from '../trpc.ts';
import { remove } from './delete-view.ts';
import { list } from './list-views.ts';
import { save } from './save-view.ts';

export const viewsRouter = router({ list, save, delete: remove });
