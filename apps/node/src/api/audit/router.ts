// audit.*: read and verify the hash-chained audit log.
import { router } from '../trpc.ts';
import { list } from './list-audit.ts';
import { verify } from './verify-audit.ts';

export const auditRouter = router({ list, verify });
