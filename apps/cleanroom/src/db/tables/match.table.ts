// Matches (cached answers), epsilon budgets, delivered lists, and the hash-chained audit log.
import type { ColumnType, Generated } from 'kysely';

export interface MatchTable {
  id: Generated<string>;
  collaboration_id: string;
  requester_id: string;
  kind: 'insight' | 'cross_sell_list' | 'referral_list';
  /** SHA-256(canonical query ‖ data versions): the cache key and the noise seed. */
  query_hash: Uint8Array;
  data_version: string;
  result: ColumnType<Record<string, unknown>, string, string>;
  epsilon_charged: number;
  created_at: Date;
}

export interface BudgetTable {
  collaboration_id: string;
  partner_id: string;
  spent: ColumnType<number, number | undefined, number>;
}

export interface ListTable {
  id: Generated<string>;
  collaboration_id: string;
  match_id: string;
  kind: 'cross_sell' | 'referral';
  receiver_id: string;
  requester_id: string;
  publication_id: string;
  version_id: string;
  counterpart_publication_ids: ColumnType<string[], string, string>;
  purpose: string;
  offer: ColumnType<{ title: string; description: string } | null, string | null, string | null>;
  size: number;
  created_at: Date;
  expires_at: Date;
}

/** A list's members, sorted bytewise, 16 B each (lists/blocks.ts); keyed by the block's first id. */
export interface ListMemberBlockTable {
  list_id: string;
  first_id: Uint8Array;
  n: number;
  ids: Uint8Array;
}

/** A list's match edges, 35 B each, grouped by (counterpart index, counterpart id's first two bytes). */
export interface ListLinkBlockTable {
  list_id: string;
  first_key: number;
  n: number;
  body: Uint8Array;
}

/** Members gone from a list since it was stored (its blocks never change). */
export interface ListRemovedMemberTable {
  list_id: string;
  member_id: Uint8Array;
}

/** Match edges cut by a counterpart's withdrawal: a member whose edges are all cut leaves the list. */
export interface ListCutLinkTable {
  list_id: string;
  member_id: Uint8Array;
  cp_index: number;
  counterpart_member_id: Uint8Array;
}

/** Legacy row layout, empty since the blocks migration (older code paths still delete from it). */
export interface ListMemberTable {
  list_id: string;
  member_id: Uint8Array;
}

/** Legacy row layout of the match edges, empty since the blocks migration. */
export interface ListLinkTable {
  list_id: string;
  member_id: Uint8Array;
  counterpart_publication_id: string;
  counterpart_member_id: Uint8Array;
}

/** Members removed from delivered lists, for the receiver to pull (`lists.removals`), in commit order. */
export interface ListRemovalTable {
  seq: ColumnType<string, never, never>;
  list_id: string;
  receiver_id: string;
  member_id: Uint8Array;
  removed_at: Date;
}

export interface AuditEventTable {
  seq: number;
  at: Date;
  action: string;
  actor_id: string | null;
  collaboration_id: string | null;
  partner_ids: string[];
  details: ColumnType<Record<string, unknown>, string, string>;
  prev_hash: Uint8Array;
  hash: Uint8Array;
}

export interface AuditHeadTable {
  id: number;
  seq: number;
  hash: Uint8Array;
}

export interface MatchTables {
  matches: MatchTable;
  budgets: BudgetTable;
  lists: ListTable;
  list_members: ListMemberTable;
  list_links: ListLinkTable;
  list_member_blocks: ListMemberBlockTable;
  list_link_blocks: ListLinkBlockTable;
  list_removed_members: ListRemovedMemberTable;
  list_cut_links: ListCutLinkTable;
  list_removals: ListRemovalTable;
  audit_events: AuditEventTable;
  audit_head: AuditHeadTable;
}
