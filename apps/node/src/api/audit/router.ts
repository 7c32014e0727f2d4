// audit.*: read, verify and export the hash-chained audit log; the clean room's per-partner record of requests.
import { router } from '../trpc.ts';
import { exportAuditProcedure } from './export-audit.ts';
import { list } from './list-audit.ts';
import { partnerRequests } from './partner-requests.ts';
import { verify } from './verify-audit.ts';

export const auditRouter = router({ list, verify, export: exportAuditProcedure, partnerRequests });
