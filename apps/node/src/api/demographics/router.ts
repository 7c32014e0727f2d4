// demographics.*: one customer's sensitive demographic fields (read: admin, compliance; edit: admin).
import { router } from '../trpc.ts';
import { get } from './get-demographics.ts';
import { update } from './update-demographics.ts';

export const demographicsRouter = router({ get, update });
