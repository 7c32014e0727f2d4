// CRM tables: customers with their identifiers, purchase and interaction history, follow-ups, imports, segments.
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

/** A timestamp column: written as Date or ISO string, read as Date. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;
type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Json = ColumnType<Record<string, unknown>, string, string>;

export interface CustomerTable {
  id: Generated<string>;
  /** The company's own id for the customer; imports upsert by it. */
  external_id: string;
  first_name: string | null;
  last_name: string | null;
  street: string | null;
  postal_code: string | null;
  city: string | null;
  /** ISO 3166-1 alpha-2, upper case. */
  country: string | null;
  birth_date: ColumnType<string | null, string | null | undefined, string | null>;
  /** Free attributes: unknown CSV columns land here (values as text). */
  attributes: ColumnType<Record<string, unknown>, string | undefined, string>;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  /** Soft delete: set to hide the customer everywhere; clear to restore. */
  deleted_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  /** Folded "first last" and "last first" (search keys computed in TS, see crm/customers/search.ts). */
  search_name: ColumnType<string | null, string | null | undefined, string | null>;
  search_rev: ColumnType<string | null, string | null | undefined, string | null>;
  /** Set when merged into another customer (then also soft-deleted). */
  merged_into: ColumnType<string | null, string | null | undefined, string | null>;
  /** The account manager (a node user id); null = nobody owns the record. */
  owner_id: ColumnType<string | null, string | null | undefined, string | null>;
  /** Free labels, lower-cased and unique per customer. */
  tags: ColumnType<string[], string[] | undefined, string[]>;
}

export type IdentifierStatus = 'valid' | 'invalid' | 'pending';

/** One identifier of a customer (any registered type), kept as given and as normalized. */
export interface CustomerIdentifierTable {
  customer_id: string;
  /** `email`, `phone`, … (the id types of @concord/identity). */
  id_type: string;
  /** 0-based order per type as given (first = primary). */
  position: number;
  /** Exactly as provided (never published). */
  raw: string;
  /** concord-v1 normalized form; set only when `status = 'valid'` (the only value published). */
  normalized: string | null;
  /** `pending` = carried over by the migration, normalized at node start. */
  status: IdentifierStatus;
  /** Identity reason code when invalid. */
  reason: string | null;
  /** Phones: region the number was read in, and where it came from (number, identifier, customer, default). */
  region: string | null;
  region_source: 'number' | 'identifier' | 'customer' | 'default' | null;
  /** Country given with this identifier, if any. */
  country: string | null;
  /** Search key: folded email, or phone digits. */
  search: string;
}

export interface CustomerAliasTable {
  /** External id of a customer merged into `customer_id`: imports of it land on the survivor. */
  external_id: string;
  customer_id: string;
  merge_id: string;
  created_at: CreatedAt;
}

export interface CustomerMergeTable {
  id: Generated<string>;
  survivor_id: string;
  merged_id: string;
  merged_by: string | null;
  merged_at: Timestamp;
  /** The merge can be undone until then. */
  undo_until: Timestamp;
  undone_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  undone_by: string | null;
  /** What moved (row ids per table, consent events added), so an undo can move it back. */
  moved: Json;
  evidence: Json;
}

export interface DuplicateFlagTable {
  /** The pair, ordered (customer_a < customer_b). */
  customer_a: string;
  customer_b: string;
  /** Shared normalized identifiers: [{ idType, value }]. */
  evidence: Json;
  status: ColumnType<'open' | 'dismissed' | 'merged', 'open' | 'dismissed' | 'merged' | undefined>;
  detected_at: CreatedAt;
  import_id: string | null;
}

export interface ImportWarningTable {
  import_id: string;
  line: number;
  seq: number;
  field: string | null;
  /** invalid_identifier | region_from_default | implausible_for_country | duplicate */
  code: string;
  reason: string;
}

export interface PurchaseTable {
  id: Generated<string>;
  /** The company's id for the order line; imports upsert by it. */
  external_id: string | null;
  customer_id: string;
  product: string;
  category: string | null;
  /** Amount paid for the line (monetary value in RFM). */
  price: ColumnType<number, number | string, number | string>;
  quantity: ColumnType<number, number | undefined, number>;
  purchased_at: Timestamp;
  attributes: ColumnType<Record<string, unknown>, string | undefined, string>;
  created_at: CreatedAt;
  /** Supplier and brand of the product (analytics dimensions). */
  supplier: ColumnType<string | null, string | null | undefined, string | null>;
  brand: ColumnType<string | null, string | null | undefined, string | null>;
  /** What the line cost the company (margin = price - cost); null = unknown, the policy's margin rate applies. */
  cost: ColumnType<string | null, number | string | null | undefined, number | string | null>;
}

export type InteractionKind = 'service_case' | 'contact';

export interface InteractionTable {
  id: Generated<string>;
  external_id: string | null;
  customer_id: string;
  kind: InteractionKind;
  /** Contact time, or when the service case was opened. */
  occurred_at: Timestamp;
  /** Service cases: when closed (null = still open). */
  closed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  product: string | null;
  /** Service cases: resolution (e.g. repaired, replaced, refunded). */
  outcome: string | null;
  /** Contacts: phone, email, branch, chat, letter… */
  channel: string | null;
  /** Contacts: inbound or outbound. */
  direction: 'inbound' | 'outbound' | null;
  summary: string | null;
  attributes: ColumnType<Record<string, unknown>, string | undefined, string>;
  created_by: string | null;
  created_at: CreatedAt;
  deleted_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export type FollowUpStatus = 'open' | 'done' | 'cancelled';

export interface FollowUpTable {
  id: Generated<string>;
  customer_id: string;
  /** The user (id) who should make the contact. */
  owner_id: string;
  /** Planned channel for the next contact. */
  channel: string | null;
  note: string | null;
  /** Calendar day the contact is due (YYYY-MM-DD). */
  due_date: ColumnType<string, string, string>;
  status: ColumnType<FollowUpStatus, FollowUpStatus | undefined, FollowUpStatus>;
  completed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export type ImportKind = 'customers' | 'purchases' | 'interactions';
/** `interrupted`: the node stopped while it ran (marked at the next startup); resume it like a failed one. */
export type ImportStatus = 'running' | 'completed' | 'failed' | 'interrupted';

export interface ImportJobTable {
  id: Generated<string>;
  kind: ImportKind;
  status: ImportStatus;
  file_name: string | null;
  created_by: string | null;
  /** Data lines read so far (header excluded). */
  rows_read: ColumnType<number, number | undefined, number>;
  rows_inserted: ColumnType<number, number | undefined, number>;
  rows_updated: ColumnType<number, number | undefined, number>;
  rows_unchanged: ColumnType<number, number | undefined, number>;
  rows_failed: ColumnType<number, number | undefined, number>;
  /** Rows that landed with warnings (invalid identifier kept, region inferred, implausible number). */
  rows_with_warnings: ColumnType<number, number | undefined, number>;
  duplicates_flagged: ColumnType<number, number | undefined, number>;
  /** Last physical line of the file whose batch is committed; a resumed upload skips up to here. */
  last_committed_line: ColumnType<number, number | undefined, number>;
  bytes_read: ColumnType<number, number | undefined, number>;
  /** Why the whole import stopped (not a row error). */
  error: string | null;
  started_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  finished_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface ImportErrorTable {
  import_id: string;
  /** Physical line number in the file (the header is line 1). */
  line: number;
  /** The column at fault, when one is. */
  field: string | null;
  reason: string;
}

export interface SegmentTable {
  id: Generated<string>;
  name: string;
  description: string | null;
  /** The rule AST (validated by SegmentRule). */
  rule: Json;
  created_by: string | null;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
  /** When membership was last materialized, and how many it held. */
  materialized_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
  member_count: ColumnType<number | null, number | null | undefined, number | null>;
  deleted_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
}

export interface SegmentMemberTable {
  segment_id: string;
  customer_id: string;
  materialized_at: Timestamp;
}

export interface CrmTables {
  customer: CustomerTable;
  customer_identifier: CustomerIdentifierTable;
  customer_alias: CustomerAliasTable;
  customer_merge: CustomerMergeTable;
  duplicate_flag: DuplicateFlagTable;
  import_warning: ImportWarningTable;
  purchase: PurchaseTable;
  interaction: InteractionTable;
  follow_up: FollowUpTable;
  import_job: ImportJobTable;
  import_error: ImportErrorTable;
  segment: SegmentTable;
  segment_member: SegmentMemberTable;
}

export type Customer = Selectable<CustomerTable>;
export type NewCustomer = Insertable<CustomerTable>;
export type Purchase = Selectable<PurchaseTable>;
export type Interaction = Selectable<InteractionTable>;
export type FollowUp = Selectable<FollowUpTable>;
export type ImportJob = Selectable<ImportJobTable>;
export type Segment = Selectable<SegmentTable>;
