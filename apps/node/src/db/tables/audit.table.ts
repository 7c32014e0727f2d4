// The hash-chained audit log: one row per consent/rule change, approval, publication, match and list export.
import type { ColumnType } from 'kysely';

export interface AuditEventTable {
  /** 1, 2, 3… without gaps; a gap is reported by verify as a deleted event. */
  seq: ColumnType<number, number, never>;
  at: ColumnType<Date, Date, never>;
  actor_id: string | null;
  /** Who acted, for people reading the log: user email, `system`, `import:<file>`. */
  actor: string;
  /** The credential used: `session:<id>` or `token:<id>`; null for the system. */
  credential: string | null;
  action: string;
  subject_type: string;
  subject_id: string | null;
  data: ColumnType<Record<string, unknown>, string, never>;
  prev_hash: Uint8Array;
  /** SHA-256(prev_hash || canonical JSON of the event). */
  hash: Uint8Array;
}

export interface AuditTables {
  audit_event: AuditEventTable;
}
