// deals.*: the sales pipeline (board, create, move, from a campaign response) and the forecast.
import { router } from '../trpc.ts';
import { board } from './board.ts';
import { create } from './create-deal.ts';
import { fromResponse } from './deal-from-response.ts';
import { forecast } from './forecast.ts';
import { update } from './update-deal.ts';

export const dealsRouter = router({ board, create, update, fromResponse, forecast });
