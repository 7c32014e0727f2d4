// Auth tables: users with roles and password hashes, sessions and API tokens (stored only as SHA-256), login failures.
import type { ColumnType, Generated, Selectable } from 'kysely';

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export type UserRole = 'admin' | 'compliance' | 'marketer';

export interface AppUserTable {
  id: Generated<string>;
  /** Lower-cased, unique. */
  email: string;
  role: UserRole;
  display_name: string | null;
  /** `scrypt$N$r$p$salt$hash` (base64); see auth/password.ts. */
  password_hash: string;
  disabled_at: NullableTimestamp;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | string | undefined, Date | string>;
}

export interface UserSessionTable {
  /** Public id of the session, named by the audit log (the token itself is the secret). */
  id: Generated<string>;
  /** SHA-256 of the cookie token; the token itself is never stored. */
  token_hash: Uint8Array;
  user_id: string;
  created_at: CreatedAt;
  expires_at: ColumnType<Date, Date | string, Date | string>;
  ip: string | null;
  user_agent: string | null;
}

export interface ApiTokenTable {
  id: Generated<string>;
  user_id: string;
  name: string;
  /** SHA-256 of the bearer token. */
  token_hash: Uint8Array;
  /** First characters of the token, shown in lists so users can tell tokens apart. */
  prefix: string;
  /** The holder's role when the token was issued; a token whose holder's role changed no longer works. */
  role: UserRole;
  /** Who issued it: always the holder themselves (tokens for someone else are refused). */
  created_by: string | null;
  created_at: CreatedAt;
  expires_at: NullableTimestamp;
  revoked_at: NullableTimestamp;
  last_used_at: NullableTimestamp;
}

export interface LoginFailureTable {
  id: Generated<number>;
  email: string;
  ip: string;
  at: ColumnType<Date, Date | string, never>;
}

/** The one-time first-run setup code (at most one row); only its SHA-256 is stored. */
export interface SetupCodeTable {
  id: number;
  code_hash: Uint8Array;
  created_at: CreatedAt;
  expires_at: ColumnType<Date, Date | string, Date | string>;
  used_at: NullableTimestamp;
}

export interface AuthTables {
  setup_code: SetupCodeTable;
  app_user: AppUserTable;
  user_session: UserSessionTable;
  api_token: ApiTokenTable;
  login_failure: LoginFailureTable;
}

export type AppUser = Selectable<AppUserTable>;
export type ApiToken = Selectable<ApiTokenTable>;
