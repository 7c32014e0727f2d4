// Data-subject requests (withdrawal, erasure, objection, access) with channel, reference, deadline, owner and status.
import type { ColumnType, Generated, Selectable } from 'kysely';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export type PrivacyRequestKind = 'withdrawal' | 'erasure' | 'objection' | 'access';
/** How the request reached us: asked of the person handling it, never defaulted. */
export type PrivacyRequestChannel = 'email' | 'letter' | 'phone' | 'web_form' | 'in_person' | 'app' | 'other';
/** `waiting_propagation`: carried out here; some publication or list still holds the person. */
export type PrivacyRequestStatus = 'open' | 'waiting_propagation' | 'completed';

export interface PrivacyRequestTable {
  id: Generated<string>;
  kind: PrivacyRequestKind;
  customer_id: string;
  channel: PrivacyRequestChannel;
  /** The requester's or ticket reference; required for erasure (a database check too). */
  reference: string | null;
  /** Withdrawal/objection: the purposes concerned; null = every sharing purpose. */
  purposes: string[] | null;
  received_at: Timestamp;
  /** received_at + one month (Art. 12(3)). */
  due_at: Timestamp;
  /** due_at + two further months, set once with a reason. */
  extended_due_at: NullableTimestamp;
  extension_reason: string | null;
  extended_by: string | null;
  extended_at: NullableTimestamp;
  status: ColumnType<PrivacyRequestStatus, PrivacyRequestStatus | undefined, PrivacyRequestStatus>;
  owner_id: string | null;
  note: string | null;
  created_by: string | null;
  created_at: Generated<Date>;
  actioned_at: NullableTimestamp;
  completed_at: NullableTimestamp;
  /** What completion was checked against: publications, lists, deltas, export counts (no personal data). */
  completion: ColumnType<Record<string, unknown> | null, string | null | undefined, string | null>;
}

export interface PrivacyTables {
  privacy_request: PrivacyRequestTable;
}

export type PrivacyRequestRow = Selectable<PrivacyRequestTable>;
