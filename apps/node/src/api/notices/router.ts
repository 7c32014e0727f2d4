// notices.*: consent notice texts, versioned.
import { router } from '../trpc.ts';
import { get } from './get-notice.ts';
import { list } from './list-notices.ts';
import { publish } from './publish-notice.ts';

export const noticesRouter = router({ list, get, publish });
