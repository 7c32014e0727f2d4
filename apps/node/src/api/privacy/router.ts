// privacy.*: data-subject requests (the queue), erasure, data trail.
import { router } from '../trpc.ts';
import { erase } from './erase.ts';
import { report } from './report.ts';
import { requestsRouter } from './requests/router.ts';

export const privacyRouter = router({ report, erase, requests: requestsRouter });
