// How a publication is shown to the console and CLI.
import type { Publication } from '../../db/tables/collab.table.ts';

export function publicationView(p: Publication) {
  return {
    id: p.id,
    collaborationId: p.collaboration_id,
    segmentId: p.segment_id,
    segmentName: p.segment_name,
    cleanroomPublicationId: p.cleanroom_publication_id,
    status: p.status,
    segmentSize: p.segment_size,
    members: p.member_count,
    tokens: p.token_count,
    excluded: p.excluded,
    error: p.error,
    startedAt: p.started_at.toISOString(),
    committedAt: p.committed_at?.toISOString() ?? null,
    replacedAt: p.replaced_at?.toISOString() ?? null,
  };
}
