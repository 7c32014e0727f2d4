// What the operator console shows about collaborations and activity: metadata only — names, states, counts and
// times. Never a token, a member id, a wrapped secret or a credential (docs/cleanroom.md, trust model).
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';
import { iso } from '../lib/encoding.ts';

type Status = Database['collaborations']['status'];

/** A collaboration past its expiry reads as expired even before the sweep records it. */
function effectiveStatus(status: Status, expiresAt: Date, now: Date): Status {
  const open = status === 'pending' || status === 'active' || status === 'suspended';
  return open && expiresAt.getTime() <= now.getTime() ? 'expired' : status;
}

export async function collaborationsOverview(db: Kysely<Database>, now: Date) {
  const rows = await db
    .selectFrom('collaborations as c')
    .select((eb) => [
      'c.id',
      'c.name',
      'c.status',
      'c.purposes',
      'c.token_mode',
      'c.created_at',
      'c.activated_at',
      'c.expires_at',
      eb
        .selectFrom('publications as p')
        .whereRef('p.collaboration_id', '=', 'c.id')
        .where('p.live_version_id', 'is not', null)
        .select((e) => e.fn.countAll<string>().as('n'))
        .as('live_publications'),
      eb
        .selectFrom('matches as m')
        .whereRef('m.collaboration_id', '=', 'c.id')
        .select((e) => e.fn.countAll<string>().as('n'))
        .as('matches'),
    ])
    .orderBy('c.created_at', 'desc')
    .execute();
  const members = await db
    .selectFrom('collaboration_members as m')
    .innerJoin('partners as p', 'p.id', 'm.partner_id')
    .select(['m.collaboration_id', 'm.status', 'p.name', 'p.industry'])
    .orderBy('p.name')
    .execute();
  return {
    collaborations: rows.map((r) => ({
      id: r.id,
      name: r.name,
      status: effectiveStatus(r.status, r.expires_at, now),
      purposes: r.purposes,
      tokenMode: r.token_mode,
      createdAt: iso(r.created_at),
      activatedAt: r.activated_at ? iso(r.activated_at) : null,
      expiresAt: iso(r.expires_at),
      livePublications: Number(r.live_publications ?? 0),
      matches: Number(r.matches ?? 0),
      members: members
        .filter((m) => m.collaboration_id === r.id)
        .map((m) => ({ name: m.name, industry: m.industry, status: m.status })),
    })),
  };
}

export async function recentActivity(db: Kysely<Database>, limit: number) {
  const versions = await db
    .selectFrom('publication_versions as v')
    .innerJoin('publications as p', 'p.id', 'v.publication_id')
    .innerJoin('collaborations as c', 'c.id', 'p.collaboration_id')
    .innerJoin('partners as o', 'o.id', 'p.owner_id')
    .select([
      'v.id',
      'v.version',
      'v.status',
      'v.records',
      'v.members',
      'v.revision',
      'v.created_at',
      'v.committed_at',
      'p.name as segment',
      'c.name as collaboration',
      'o.name as owner',
    ])
    .orderBy('v.created_at', 'desc')
    .limit(limit)
    .execute();
  const matches = await db
    .selectFrom('matches as m')
    .innerJoin('collaborations as c', 'c.id', 'm.collaboration_id')
    .innerJoin('partners as r', 'r.id', 'm.requester_id')
    .select([
      'm.id',
      'm.kind',
      'm.epsilon_charged',
      'm.created_at',
      'c.name as collaboration',
      'r.name as requester',
    ])
    .orderBy('m.created_at', 'desc')
    .limit(limit)
    .execute();
  return {
    ingestion: versions.map((v) => ({
      id: v.id,
      collaboration: v.collaboration,
      owner: v.owner,
      segment: v.segment,
      version: v.version,
      status: v.status,
      records: Number(v.records),
      members: Number(v.members),
      withdrawalDeltas: Number(v.revision),
      createdAt: iso(v.created_at),
      committedAt: v.committed_at ? iso(v.committed_at) : null,
    })),
    matches: matches.map((m) => ({
      id: m.id,
      collaboration: m.collaboration,
      requester: m.requester,
      kind: m.kind,
      epsilonCharged: Number(m.epsilon_charged),
      createdAt: iso(m.created_at),
    })),
  };
}
