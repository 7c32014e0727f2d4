// Federation tables: node keypair, collaborations, publications + member map, withdrawal outbox, audience lists.
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
type Json<T> = ColumnType<T, string, string>;

export type TokenMode = 'hmac' | 'sha256';
export type CollaborationStatus = 'proposed' | 'active' | 'suspended' | 'left' | 'expired';
/** `ended`: this node left the collaboration and the clean room deleted the data. */
export type PublicationStatus = 'uploading' | 'live' | 'failed' | 'replaced' | 'ended';
/** `rule_changed`: a stricter compliance rule made the member ineligible (scoped to one publication). */
export type WithdrawalReason = 'withdrawn' | 'refused' | 'expired' | 'erased' | 'rule_changed';

/** The owner's rules a publication carries to the clean room (see @concord/protocol BeginPublicationInput). */
export interface PublicationPolicy {
  listsMask: number;
  kMinByPurpose: number[];
}

/** A list delivered to another partner that a removal from our publication was applied to. */
export interface ReachedList {
  listId: string;
  receiverId: string;
  kind: string;
}

/** Output policy as mirrored from the clean room (see @concord/protocol OutputPolicy). */
export interface CollaborationPolicy {
  kMin: number;
  crossSellLists: boolean;
  referralLists: boolean;
  epsilonBudget: number;
  epsilonPerQuery: number;
  minSegmentSize: number;
  listTtlHours: number;
  retentionDays: number;
  /** Cross-partner campaign measurement allowed (absent in older proposals = not allowed). */
  measurement?: boolean;
}

/** A member as mirrored from the clean room. */
export interface CollaborationMemberInfo {
  partnerId: string;
  name: string;
  industry: string;
  publicKey: string;
  status: string;
  approvedAt: string | null;
  kMinFloor: number | null;
}

export interface CollabNodeKeyTable {
  id: number;
  public_key: Uint8Array;
  sealed_private_key: Uint8Array;
  /** This node's partner id at the clean room (learned from whoami). */
  partner_id: string | null;
  created_at: Generated<Date>;
}

export interface CollaborationTable {
  /** The clean room's collaboration id. */
  id: string;
  name: string;
  description: Generated<string>;
  purposes: Json<string[]>;
  policy: Json<CollaborationPolicy>;
  token_mode: TokenMode;
  status: string;
  members: Json<CollaborationMemberInfo[]>;
  proposer_id: string;
  proposed_by_us: Generated<boolean>;
  /** The collaboration secret, sealed with this node's storage key; null until unwrapped. */
  sealed_secret: Uint8Array | null;
  expires_at: NullableTimestamp;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface PublicationTable {
  id: Generated<string>;
  collaboration_id: string;
  segment_id: string;
  segment_name: string;
  cleanroom_publication_id: string | null;
  /** The clean room's id of this version (lists name the version their member ids belong to). */
  cleanroom_version_id: string | null;
  status: PublicationStatus;
  purposes: Json<string[]>;
  segment_size: Generated<number>;
  member_count: Generated<number>;
  token_count: Generated<number>;
  excluded: ColumnType<Record<string, number>, string | undefined, string>;
  published_by: string | null;
  error: string | null;
  started_at: Generated<Date>;
  committed_at: NullableTimestamp;
  replaced_at: NullableTimestamp;
  /** The rules last sent to the clean room (at begin, or by publications.tighten). */
  policy_sent: ColumnType<PublicationPolicy | null, string | null | undefined, string | null>;
  /** Set when a rule changed: the sender compares and tightens the live publication. */
  policy_dirty: Generated<boolean>;
}

export interface PublicationCandidateTable {
  publication_id: string;
  customer_id: string;
  /** Bit i set = eligible for collaboration purpose i towards every recipient; 0 = excluded. */
  purpose_mask: number;
}

export interface PublicationMemberTable {
  publication_id: string;
  /** Random per-publication member id (16 bytes) — what the clean room sees instead of the customer. */
  member_id: Uint8Array;
  customer_id: string;
  purpose_mask: number;
  removed_at: NullableTimestamp;
  removed_reason: string | null;
  /** Lists at other partners derived from this publication that the removal was applied to (Art. 19). */
  reached_lists: ColumnType<ReachedList[] | null, string | null | undefined, string | null>;
}

export interface WithdrawalOutboxTable {
  id: Generated<number>;
  customer_id: string;
  /** Withdrawn purpose; null = every purpose (erasure, full withdrawal). */
  purpose: string | null;
  reason: WithdrawalReason;
  /** Only this publication (a rule change decides per recipient); null = every publication. */
  publication_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** Stored audience memberships dropped locally at enqueue time. */
  lists_removed: Generated<number>;
  created_at: Generated<Date>;
  attempts: Generated<number>;
  next_attempt_at: Generated<Date>;
  last_error: string | null;
  processed_at: NullableTimestamp;
  removed_members: number | null;
  delay_ms: number | null;
}

export interface AudienceListTable {
  id: Generated<string>;
  cleanroom_list_id: string;
  collaboration_id: string;
  match_id: string;
  kind: string;
  purpose: string;
  name: string;
  partner_segments: Json<Array<Record<string, unknown>>>;
  received_count: number;
  resolved_count: number;
  dropped: Json<Record<string, number>>;
  fetched_by: string | null;
  fetched_at: Generated<Date>;
  expires_at: NullableTimestamp;
  /** `fetching` while pages are being resolved, `ready` once complete. */
  status: ColumnType<'fetching' | 'ready', 'fetching' | 'ready' | undefined, 'fetching' | 'ready'>;
  /** Archived lists are kept and readable but left out of pickers and the default list view. */
  archived_at: NullableTimestamp;
  /** Deleted lists keep their row as provenance for the audit trail; members are removed. */
  deleted_at: NullableTimestamp;
}

export interface AudienceListMemberTable {
  list_id: string;
  customer_id: string;
  removed_at: NullableTimestamp;
  removed_reason: string | null;
}

/** What changed in a stored audience after it was received (shown to the marketer as a notice). */
export interface AudienceListChangeTable {
  id: Generated<number>;
  list_id: string;
  at: Generated<Date>;
  removed: number;
  /** `partner_consent_ended`: the partner-side person this one matched through left the partner's data. */
  reason: string;
}

export interface MatchRequestTable {
  id: string;
  collaboration_id: string;
  kind: string;
  purpose: string;
  request: Json<Record<string, unknown>>;
  result: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
  requested_by: string | null;
  created_at: Generated<Date>;
}

export interface CollabTables {
  collab_node_key: CollabNodeKeyTable;
  collaboration: CollaborationTable;
  publication: PublicationTable;
  publication_candidate: PublicationCandidateTable;
  publication_member: PublicationMemberTable;
  withdrawal_outbox: WithdrawalOutboxTable;
  audience_list: AudienceListTable;
  audience_list_member: AudienceListMemberTable;
  audience_list_change: AudienceListChangeTable;
  match_request: MatchRequestTable;
}

export type Collaboration = Selectable<CollaborationTable>;
export type Publication = Selectable<PublicationTable>;
export type NewPublicationMember = Insertable<PublicationMemberTable>;
export type WithdrawalOutboxRow = Selectable<WithdrawalOutboxTable>;
export type AudienceList = Selectable<AudienceListTable>;
