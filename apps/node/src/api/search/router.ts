// search.*: the console's global search.
import { router } from '../trpc.ts';
import { globalSearchProcedure } from './global-search.ts';

export const searchRouter = router({ global: globalSearchProcedure });
