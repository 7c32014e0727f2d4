// privacy.*: data-subject requests (erasure, data trail).
import { router } from '../trpc.ts';
import { erase } from './erase.ts';
import { report } from './report.ts';

export const privacyRouter = router({ report, erase });
