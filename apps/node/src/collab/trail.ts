// Art. 19 data trail: where a person's (tokenized) data went through collaborations, and when it was removed.
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.ts';

export interface TrailPublication {
  kind: 'publication';
  collaborationId: string;
  collaborationName: string;
  publicationId: string;
  segmentName: string;
  /** Partner companies that could match against this publication. */
  recipients: string[];
  publishedAt: Date | null;
  removedAt: Date | null;
  removedReason: string | null;
  /**
   * Where the removal went: the lists at partners derived from this publication that the clean room applied it
   * to (each drops the partner's customer it holds only because of this person).
   */
  removalReached: Array<{ listId: string; partner: string; kind: string }>;
}

export interface TrailList {
  kind: 'list';
  collaborationId: string;
  collaborationName: string;
  listId: string;
  listName: string;
  receivedAt: Date;
  removedAt: Date | null;
  removedReason: string | null;
}

export interface DataTrail {
  customerId: string;
  publications: TrailPublication[];
  lists: TrailList[];
  /** Withdrawal deltas still waiting to reach the clean room. */
  pendingWithdrawals: number;
}

function publicationsOf(db: Kysely<Database>, customerId: string) {
  return db
    .selectFrom('publication_member as pm')
    .innerJoin('publication as p', 'p.id', 'pm.publication_id')
    .innerJoin('collaboration as c', 'c.id', 'p.collaboration_id')
    .where('pm.customer_id', '=', customerId)
    .where('p.status', 'in', ['live', 'replaced', 'ended'])
    .select([
      'c.id as collaborationId',
      'c.name as collaborationName',
      'c.members',
      'p.id as publicationId',
      'p.segment_name as segmentName',
      'p.committed_at as publishedAt',
      'p.replaced_at as replacedAt',
      'p.status',
      'pm.removed_at as removedAt',
      'pm.removed_reason as removedReason',
      'pm.reached_lists as reachedLists',
    ])
    .orderBy('p.committed_at')
    .execute();
}

function listsOf(db: Kysely<Database>, customerId: string) {
  return db
    .selectFrom('audience_list_member as lm')
    .innerJoin('audience_list as l', 'l.id', 'lm.list_id')
    .innerJoin('collaboration as c', 'c.id', 'l.collaboration_id')
    .where('lm.customer_id', '=', customerId)
    .select([
      'c.id as collaborationId',
      'c.name as collaborationName',
      'l.id as listId',
      'l.name as listName',
      'l.fetched_at as receivedAt',
      'lm.removed_at as removedAt',
      'lm.removed_reason as removedReason',
    ])
    .orderBy('l.fetched_at')
    .execute();
}

function toTrailPublication(
  p: Awaited<ReturnType<typeof publicationsOf>>[number],
  myPartnerId: string | null | undefined,
): TrailPublication {
  return {
    kind: 'publication',
    collaborationId: p.collaborationId,
    collaborationName: p.collaborationName,
    publicationId: p.publicationId,
    segmentName: p.segmentName,
    recipients: p.members.filter((m) => m.partnerId !== myPartnerId).map((m) => m.name),
    publishedAt: p.publishedAt,
    // A replaced version left the clean room when its successor went live; an ended one when we left.
    removedAt: p.removedAt ?? p.replacedAt,
    removedReason:
      p.removedReason ?? (p.status === 'ended' ? 'collaboration_left' : p.replacedAt ? 'replaced' : null),
    removalReached: (p.reachedLists ?? []).map((l) => ({
      listId: l.listId,
      partner: p.members.find((m) => m.partnerId === l.receiverId)?.name ?? l.receiverId,
      kind: l.kind,
    })),
  };
}

/** Which collaborations, publications and audience lists held the person, and when they were removed. */
export async function dataTrail(db: Kysely<Database>, customerId: string): Promise<DataTrail> {
  const pubs = await publicationsOf(db, customerId);
  const lists = await listsOf(db, customerId);
  const me = await db.selectFrom('collab_node_key').select('partner_id').executeTakeFirst();
  const pending = await db
    .selectFrom('withdrawal_outbox')
    .where('customer_id', '=', customerId)
    .where('processed_at', 'is', null)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return {
    customerId,
    publications: pubs.map((p) => toTrailPublication(p, me?.partner_id)),
    lists: lists.map((l) => ({ kind: 'list', ...l })),
    pendingWithdrawals: Number(pending.n),
  };
}
