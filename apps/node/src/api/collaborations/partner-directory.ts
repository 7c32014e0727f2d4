// collaborations.partners: partners registered at the clean room, to choose members of a proposal.
import { federationDeps } from '../../collab/deps.ts';
import { can } from '../trpc.ts';

export const partnerDirectoryProcedure = can('read', 'Collaboration').query(async ({ ctx }) => {
  const deps = federationDeps(ctx);
  const [{ partners }, { partner: me }] = await Promise.all([
    deps.cleanroom.listPartners(),
    deps.cleanroom.whoami(),
  ]);
  return partners.map((p) => ({
    id: p.id,
    name: p.name,
    industry: p.industry,
    status: p.status,
    self: p.id === me.id,
  }));
});
