// Partner registry and idempotency keys.
import type { ColumnType, Generated } from 'kysely';

export interface PartnerTable {
  id: Generated<string>;
  name: string;
  industry: string;
  public_key: Uint8Array;
  /** SHA-256 of the partner's credential; the credential itself is never stored. */
  credential_hash: Uint8Array;
  status: 'active' | 'disabled';
  created_at: ColumnType<Date, Date | undefined, never>;
}

export interface IdempotencyKeyTable {
  /** Partner id, or `operator`. */
  owner: string;
  key: string;
  path: string;
  request_hash: Uint8Array;
  response: ColumnType<unknown, string, string>;
  created_at: ColumnType<Date, Date | undefined, never>;
}

export interface RegistryTables {
  partners: PartnerTable;
  idempotency_keys: IdempotencyKeyTable;
}
