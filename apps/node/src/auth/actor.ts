// Who acted and with which credential: what every audit event records about the person behind a change.

/** The credential a request was made with: a console session or an API token (labelled as such everywhere). */
export type Credential = { kind: 'session'; id: string } | { kind: 'token'; id: string; name: string };

export interface Actor {
  /** User id, or null for the system (seed, sweeps, background senders). */
  id: string | null;
  email: string;
  /** Absent for the system and for in-process callers that did not sign in over HTTP. */
  credential?: Credential | undefined;
}

/** The system itself (seed, sweeps), for audit events without a signed-in user. */
export const SYSTEM_ACTOR: Actor = { id: null, email: 'system' };

/** `session:<id>` / `token:<id>`: how the audit log names a credential (never the secret). */
export function credentialRef(credential: Credential | undefined): string | null {
  return credential ? `${credential.kind}:${credential.id}` : null;
}

/** The actor fields of an audit event: the real person and the credential they used. */
export function auditActor(actor: Actor): {
  actorId: string | null;
  actor: string;
  credential: string | null;
} {
  return { actorId: actor.id, actor: actor.email, credential: credentialRef(actor.credential) };
}
