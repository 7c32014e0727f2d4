// setup.*: first-run setup of a node without users.
import { router } from '../trpc.ts';
import { complete } from './complete.ts';
import { status } from './status.ts';

export const setupRouter = router({ status, complete });
