// Consent tables: notices (exact text per version), append-only consent events, versioned compliance rules, erasure tombstones.
import type { ColumnType, Generated, Selectable } from 'kysely';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type Timestamp = ColumnType<Date, Date | string, never>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, never>;

export interface ConsentNoticeTable {
  id: Generated<string>;
  /** Stable handle, e.g. `partner-offers`; imports refer to `key@version`. */
  key: string;
  title: string;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface ConsentNoticeVersionTable {
  id: Generated<string>;
  notice_id: string;
  version: number;
  language: string;
  /** The exact text shown to the customer; never edited (a change is a new version). */
  body: string;
  body_sha256: Uint8Array;
  /** The purposes this text asks consent for. */
  purposes: string[];
  published_by: string | null;
  published_at: Timestamp;
}

export interface ConsentEventTable {
  /** Monotonic; breaks ties between events captured at the same instant. */
  id: Generated<number>;
  customer_id: string;
  purpose: string;
  state: 'given' | 'refused' | 'withdrawn' | 'expired';
  lawful_basis: string;
  recipient_industries: string[];
  recipient_partners: string[];
  collection_method: string;
  source: string;
  notice_version_id: string | null;
  captured_at: Timestamp;
  valid_until: NullableTimestamp;
  evidence_ref: string | null;
  /** User id (console/API), or null for imports without a user and automatic sweeps. */
  recorded_by: string | null;
  /** console | api | import | gpc | sweep */
  recorded_via: string;
  recorded_at: Timestamp;
}

export interface ConsentRuleTable {
  id: Generated<number>;
  purpose: string;
  version: number;
  allowed_industries: string[];
  max_consent_age_days: number | null;
  k_min: number;
  lists_allowed: boolean;
  retention_days: number;
  note: string | null;
  author_id: string | null;
  created_at: Timestamp;
}

export interface ErasureTombstoneTable {
  /** The erased customer's id; nothing else about them is kept. */
  customer_id: string;
  erased_at: Timestamp;
  erased_by: string | null;
  /** The data subject request reference (ticket id), if any. */
  request_ref: string | null;
  /** What was deleted, as counts (no personal data). */
  removed: ColumnType<Record<string, number>, string, never>;
}

export interface ConsentTables {
  consent_notice: ConsentNoticeTable;
  consent_notice_version: ConsentNoticeVersionTable;
  consent_event: ConsentEventTable;
  consent_rule: ConsentRuleTable;
  erasure_tombstone: ErasureTombstoneTable;
}

export type ConsentEventRow = Selectable<ConsentEventTable>;
export type ConsentRuleRow = Selectable<ConsentRuleTable>;
