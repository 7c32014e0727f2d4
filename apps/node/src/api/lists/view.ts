// How a stored audience list is shown to the console and CLI.
import type { AudienceList } from '../../db/tables/collab.table.ts';

export function audienceListView(l: AudienceList) {
  return {
    id: l.id,
    cleanroomListId: l.cleanroom_list_id,
    collaborationId: l.collaboration_id,
    matchId: l.match_id,
    kind: l.kind,
    purpose: l.purpose,
    name: l.name,
    status: l.status,
    partnerSegments: l.partner_segments,
    received: l.received_count,
    resolved: l.resolved_count,
    dropped: l.dropped,
    fetchedAt: l.fetched_at.toISOString(),
    expiresAt: l.expires_at?.toISOString() ?? null,
  };
}
