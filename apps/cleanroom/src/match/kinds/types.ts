// What a match-output kind implements: the clean room looks the handler up by kind (kinds/index.ts) and does the
// rest — policy, sides, thresholds, caching, storage, audit — the same way for every kind (match/request.ts).
import type { MatchKind, MatchOutputOf } from '@concord/protocol/contract/matches';
import type { Transaction } from 'kysely';
import type pg from 'pg';
import type { ActiveCollaboration } from '../../collab/collaborations.ts';
import type { Database } from '../../db/database.ts';
import type { PartnerIdentity } from '../../partners/partners.ts';
import type { MatchRequest, Side } from '../match.ts';

/** Everything a kind may read; decided before it runs. */
export interface KindContext {
  trx: Transaction<Database>;
  now: Date;
  collab: ActiveCollaboration;
  requester: PartnerIdentity;
  req: MatchRequest;
  mine: Side;
  partners: Side[];
  /** Strictest threshold among the collaboration, the touched members and datasets. */
  kMin: number;
  /** The purpose's bit in the purpose masks. */
  bit: number;
  matchId: string;
  /** Seeds the Laplace noise: the same query over the same data gets the same noise. */
  queryHash: Uint8Array;
  /** When a delivered list stops being fetchable. */
  listExpiry: Date;
  /** Postgres only: where the engine reads stored runs with binary COPY (PGlite: through the transaction). */
  pool?: pg.Pool | undefined;
}

/** The kind-specific fields of the answer (everything but the common envelope). */
export type KindBody<K extends MatchKind> = Omit<
  MatchOutputOf<K>,
  'matchId' | 'kind' | 'cached' | 'kMin' | 'dataVersion' | 'createdAt'
>;

export interface KindRun<K extends MatchKind> {
  body: KindBody<K>;
  epsilonCharged: number;
  /** For the audit event: the lists this answer delivered and to whom. */
  listIds: string[];
  referralsDelivered: string[];
}

export interface KindHandler<K extends MatchKind> {
  /** Lists touch each member's data: a kind that releases members needs every side's owner to allow lists. */
  releasesMembers: boolean;
  run(ctx: KindContext): Promise<KindRun<K>>;
  /** A cached answer re-served: adjust what today's rules change (e.g. a raised kMin suppresses more cells). */
  fromCache(
    prior: KindBody<K>,
    ctx: Pick<KindContext, 'trx' | 'collab' | 'requester' | 'kMin'>,
  ): Promise<KindBody<K>>;
}
