// A partner's transparency report, from the per-partner audit: every match that touched its data (who asked, kind,
// purpose, what was released, ε charged) and the ε used per collaboration and requester where it is a member.
import type { TransparencyOutput, TransparencyRequest } from '@concord/protocol/contract/audit';
import type { MatchOutputOf } from '@concord/protocol/contract/matches';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/database.ts';
import { sizeBand } from '../ingest/publications.ts';
import { iso } from '../lib/encoding.ts';

export interface TransparencyQuery {
  after: number;
  limit: number;
  collaborationId?: string | undefined;
}

interface MatchDetails {
  matchId: string;
  purpose: string;
  requesterPublicationId: string;
  partnerPublicationIds: string[];
  kMin: number;
}

/**
 * Only events whose `partner_ids` name the caller — the match recorded the partners whose data it touched — so a
 * partner never sees a request that did not touch its own publications.
 */
export async function transparencyReport(
  db: Kysely<Database>,
  partnerId: string,
  q: TransparencyQuery,
): Promise<TransparencyOutput> {
  let events = db
    .selectFrom('audit_events as e')
    .innerJoin('collaborations as c', 'c.id', 'e.collaboration_id')
    .select(['e.seq', 'e.at', 'e.collaboration_id', 'e.details', 'c.name as collaborationName'])
    .where(sql<boolean>`e.partner_ids @> array[${partnerId}]::uuid[]`)
    .where('e.action', 'like', 'match.%')
    .where('e.seq', '>', q.after)
    .orderBy('e.seq')
    .limit(q.limit + 1);
  if (q.collaborationId) events = events.where('e.collaboration_id', '=', q.collaborationId);
  const rows = await events.execute();
  const page = rows.slice(0, q.limit);
  const requests: TransparencyRequest[] = [];
  for (const row of page) {
    const details = row.details as unknown as MatchDetails;
    const request = await describeMatch(details, db, partnerId);
    if (!request) continue;
    requests.push({
      ...request,
      seq: Number(row.seq),
      at: iso(row.at),
      collaborationId: row.collaboration_id as string,
      collaborationName: row.collaborationName,
      purpose: details.purpose,
      kMin: details.kMin,
    });
  }
  return {
    requests,
    budgets: await budgetsFor(db, partnerId, q.collaborationId),
    nextAfter: rows.length > q.limit ? Number(page[page.length - 1]?.seq) : null,
  };
}

type Described = Omit<
  TransparencyRequest,
  'seq' | 'at' | 'collaborationId' | 'collaborationName' | 'purpose' | 'kMin'
>;

async function describeMatch(
  d: MatchDetails,
  db: Kysely<Database>,
  partnerId: string,
): Promise<Described | null> {
  const match = await db
    .selectFrom('matches as m')
    .where('m.id', '=', d.matchId)
    .innerJoin('partners as p', 'p.id', 'm.requester_id')
    .select(['m.kind', 'm.result', 'm.epsilon_charged', 'p.id as requesterId', 'p.name', 'p.industry'])
    .executeTakeFirst();
  // Matches are deleted with their collaboration's data; the audit event outlives them.
  if (!match) return null;
  const mine = match.requesterId === partnerId;
  const touched = await db
    .selectFrom('publications')
    .select(['id as publicationId', 'name'])
    .where('id', 'in', [d.requesterPublicationId, ...d.partnerPublicationIds])
    .where('owner_id', '=', partnerId)
    .orderBy('name')
    .execute();
  const touchedIds = new Set(touched.map((t) => t.publicationId));
  // Stored as the answer without matchId/cached: insight answers carry `insight`, list kinds do not.
  const result = match.result as unknown as Partial<Pick<MatchOutputOf<'insight'>, 'insight'>>;
  // The requester's cells all involve its own publication; a counterpart sees the cells over its publications.
  const counts = (result.insight?.cells ?? [])
    .filter((c) => mine || touchedIds.has(c.partnerPublicationId))
    .map((c) => ({ publicationId: c.partnerPublicationId, count: c.count, suppressed: c.suppressed }));
  const lists = await db
    .selectFrom('lists as l')
    .innerJoin('partners as r', 'r.id', 'l.receiver_id')
    .select(['l.id', 'l.receiver_id', 'r.name', 'l.size'])
    .where('l.match_id', '=', d.matchId)
    .orderBy('l.id')
    .execute();
  return {
    matchId: d.matchId,
    requester: { partnerId: match.requesterId, name: match.name, industry: match.industry },
    mine,
    kind: match.kind,
    touchedPublications: touched,
    released: {
      counts,
      lists: lists.map((l) => ({
        listId: l.id,
        receiverId: l.receiver_id,
        receiverName: l.name,
        size: l.receiver_id === partnerId ? l.size : null,
        sizeBand: sizeBand(l.size) ?? '<1k',
      })),
    },
    epsilonCharged: Number(match.epsilon_charged),
  };
}

/** ε spent per requester in every collaboration the caller is (or was) a member of. */
async function budgetsFor(db: Kysely<Database>, partnerId: string, collaborationId?: string) {
  let q = db
    .selectFrom('budgets as b')
    .innerJoin('collaborations as c', 'c.id', 'b.collaboration_id')
    .innerJoin('collaboration_members as cm', (j) =>
      j.onRef('cm.collaboration_id', '=', 'b.collaboration_id').on('cm.partner_id', '=', partnerId),
    )
    .innerJoin('partners as p', 'p.id', 'b.partner_id')
    .select([
      'c.id',
      'c.name as collaborationName',
      'c.policy',
      'p.id as requesterId',
      'p.name',
      'p.industry',
      'b.spent',
    ])
    .orderBy('c.name')
    .orderBy('p.name');
  if (collaborationId) q = q.where('c.id', '=', collaborationId);
  const rows = await q.execute();
  return rows.map((r) => ({
    collaborationId: r.id,
    collaborationName: r.collaborationName,
    requester: { partnerId: r.requesterId, name: r.name, industry: r.industry },
    epsilonSpent: Number(r.spent),
    epsilonBudget: Number((r.policy as { epsilonBudget?: number }).epsilonBudget ?? 0),
  }));
}
