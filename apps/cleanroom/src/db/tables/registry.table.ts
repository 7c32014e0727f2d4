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

/** A one-time invitation: only the code's SHA-256 is stored; it binds the partner's name and industry. */
export interface InvitationTable {
  id: Generated<string>;
  code_hash: Uint8Array;
  name: string;
  industry: string;
  created_at: Date;
  expires_at: Date;
  redeemed_at: Date | null;
  partner_id: string | null;
  revoked_at: Date | null;
}

export interface RegistryTables {
  partners: PartnerTable;
  invitations: InvitationTable;
  idempotency_keys: IdempotencyKeyTable;
}
