// Operator console sessions.
export interface OperatorSessionTable {
  /** SHA-256 of the session cookie's token; the token itself is never stored. */
  token_hash: Uint8Array;
  created_at: Date;
  expires_at: Date;
}

export interface OperatorTables {
  operator_sessions: OperatorSessionTable;
}
