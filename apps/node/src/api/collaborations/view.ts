// How a collaboration is shown to the console and CLI (never the sealed secret).
import type { Collaboration } from '../../db/tables/collab.table.ts';

export function collaborationView(c: Collaboration) {
  return {
    id: c.id,
    name: c.name,
    description: c.description,
    status: c.status,
    purposes: c.purposes,
    policy: c.policy,
    tokenMode: c.token_mode,
    members: c.members,
    proposerId: c.proposer_id,
    proposedByUs: c.proposed_by_us,
    hasSecret: c.sealed_secret !== null,
    expiresAt: c.expires_at?.toISOString() ?? null,
    updatedAt: c.updated_at.toISOString(),
  };
}
