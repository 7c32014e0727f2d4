// sensitive.*: release rules for the sensitive demographic fields.
import { router } from '../trpc.ts';
import { releases } from './list-releases.ts';
import { setRelease } from './set-release.ts';

export const sensitiveRouter = router({ releases, setRelease });
