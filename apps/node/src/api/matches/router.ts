// matches.*: compose the match procedures.
import { router } from '../trpc.ts';
import { listMatchesProcedure } from './list-matches.ts';
import { requestMatchProcedure } from './request-match.ts';

export const matchesRouter = router({ request: requestMatchProcedure, list: listMatchesProcedure });
