// cleanroom.*: joining the clean room with an invitation, credential rotation and revocation (admin).
import { router } from '../trpc.ts';
import { join } from './join.ts';
import { revoke } from './revoke.ts';
import { rotate } from './rotate.ts';

export const cleanroomRouter = router({ join, rotate, revoke });
