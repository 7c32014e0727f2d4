// Sign-in and CASL check for the raw HTTP routes beside tRPC (streaming CSV uploads).
import type { IncomingMessage } from 'node:http';
import { type Action, defineAbilityFor, type Subject } from '@concord/access';
import { ConcordError } from '@concord/protocol/errors';
import type { Kysely } from 'kysely';
import type { SessionUser } from '../api/context.ts';
import type { Database } from '../db/database.ts';
import { authenticateRequest } from './authenticate.ts';

/** Who is calling (session cookie or API token); routes take it as a dependency so tests can inject one. */
export type Authenticate = (
  db: Kysely<Database>,
  headers: IncomingMessage['headers'],
) => Promise<SessionUser | null>;

/** The caller when signed in and allowed `action` on `subject`; otherwise the refusal (401/403) to answer. */
export async function authorizeRequest(
  db: Kysely<Database>,
  req: IncomingMessage,
  can: { action: Action; subject: Subject },
  authenticate: Authenticate = authenticateRequest,
): Promise<SessionUser | ConcordError> {
  const user = await authenticate(db, req.headers);
  if (!user) return new ConcordError('UNAUTHENTICATED', 'sign in or send Authorization: Bearer <API token>');
  if (!defineAbilityFor(user).can(can.action, can.subject)) {
    return new ConcordError('FORBIDDEN', `role ${user.role} may not ${can.action} ${can.subject}`);
  }
  return user;
}
