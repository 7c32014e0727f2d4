// Collaborations, their members (with each member's wrapped secret), publications and versions.
import type { ColumnType, Generated } from 'kysely';

type Json<T> = ColumnType<T, string, string>;

export interface CollaborationTable {
  id: Generated<string>;
  name: string;
  description: string;
  status: 'pending' | 'active' | 'suspended' | 'ended' | 'expired';
  proposer_id: string;
  purposes: Json<string[]>;
  policy: Json<Record<string, unknown>>;
  token_mode: 'hmac' | 'sha256';
  expires_at: Date;
  created_at: Date;
  activated_at: Date | null;
  suspended_by: string | null;
}

export interface CollaborationMemberTable {
  collaboration_id: string;
  partner_id: string;
  status: 'pending' | 'approved' | 'left';
  approved_at: Date | null;
  k_min_floor: number | null;
  officer: string;
  wrapped_secret: ColumnType<Record<string, unknown> | null, string | null, string | null>;
}

export interface PublicationTable {
  id: Generated<string>;
  collaboration_id: string;
  owner_id: string;
  segment_key: string;
  name: string;
  description: string;
  k_min: number | null;
  /** Bit i set ⇔ the owner allows lists for purposes[i]; null = no restriction (see docs/cleanroom.md). */
  lists_mask: ColumnType<number | null, number | null | undefined, number | null>;
  /** The owner's kMin floor per purpose index; null = none. */
  k_min_by_purpose: ColumnType<number[] | null, string | null | undefined, string | null>;
  live_version_id: string | null;
  created_at: Date;
}

export interface PublicationVersionTable {
  id: Generated<string>;
  publication_id: string;
  version: number;
  status: 'uploading' | 'live' | 'superseded' | 'aborted' | 'expired';
  records: ColumnType<number, number | undefined, number>;
  members: ColumnType<number, number | undefined, number>;
  revision: ColumnType<number, number | undefined, number>;
  /** Policy the version brings along; copied to the publication when it goes live. */
  lists_mask: ColumnType<number | null, number | null | undefined, number | null>;
  k_min_by_purpose: ColumnType<number[] | null, string | null | undefined, string | null>;
  /** The owner's retention (days) for this version; the earlier of it and the policy's applies. */
  retention_days: ColumnType<number | null, number | null | undefined, number | null>;
  created_at: Date;
  committed_at: Date | null;
  expires_at: Date | null;
}

export interface PublicationBatchTable {
  version_id: string;
  seq: number;
  records: number;
  /** Members started in this batch (a member's records are contiguous and never span batches). */
  members: ColumnType<number, number | undefined, number>;
  checksum: Uint8Array;
}

export interface CollabTables {
  collaborations: CollaborationTable;
  collaboration_members: CollaborationMemberTable;
  publications: PublicationTable;
  publication_versions: PublicationVersionTable;
  publication_batches: PublicationBatchTable;
}
