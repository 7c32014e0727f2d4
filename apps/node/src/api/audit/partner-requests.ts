// audit.partnerRequests: the clean room's record of every match and list request that touched this partner's data
// (who asked, kind, purpose, what was released, ε spent) and ε used per collaboration and requester (compliance).
import { TransparencyInput } from '@concord/protocol/contract/audit';
import { federationDeps } from '../../collab/deps.ts';
import { can } from '../trpc.ts';

export const partnerRequests = can('read', 'PartnerAudit')
  .input(TransparencyInput)
  .query(({ ctx, input }) => federationDeps(ctx).cleanroom.transparency(input));
