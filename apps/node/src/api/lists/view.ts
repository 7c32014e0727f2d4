// How a stored audience list is shown to the console and CLI.
import type { AudienceStatus } from '../../collab/audience-status.ts';
import type { AudienceList } from '../../db/tables/collab.table.ts';

export function audienceListView(l: AudienceList, status: AudienceStatus | undefined) {
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
    /** Resolved when the list was received. */
    resolved: l.resolved_count,
    /** On the list now: what the members page and the CSV export hold. */
    current: status?.current ?? 0,
    /** What changed since it was received (the marketer's notice), newest first. */
    changes: (status?.changes ?? []).map((c) => ({ ...c, at: c.at.toISOString() })),
    dropped: l.dropped,
    fetchedAt: l.fetched_at.toISOString(),
    expiresAt: l.expires_at?.toISOString() ?? null,
    archivedAt: l.archived_at?.toISOString() ?? null,
  };
}
