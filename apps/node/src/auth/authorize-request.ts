// Sign-in and CASL check for the raw HTTP routes beside tRPC (streaming CSV uploads).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type Action, defineAbilityFor, type Subject } from '@concord/access';
import { sendError } from '@concord/service';
import type { Kysely } from 'kysely';
import type { SessionUser } from '../api/context.ts';
import type { Database } from '../db/database.ts';
import { authenticateRequest } from './authenticate.ts';

/** Who is calling (session cookie or API token); routes take it as a dependency so tests can inject one. */
export type Authenticate = (
  db: Kysely<Database>,
  headers: IncomingMessage['headers'],
) => Promise<SessionUser | null>;

/** The caller when signed in and allowed `action` on `subject`; otherwise answers 401/403 and returns null. */
export async function authorizeRequest(
  db: Kysely<Database>,
  req: IncomingMessage,
  res: ServerResponse,
  can: { action: Action; subject: Subject },
  authenticate: Authenticate = authenticateRequest,
): Promise<SessionUser | null> {
  const user = await authenticate(db, req.headers);
  if (!user) {
    sendError(res, 'UNAUTHENTICATED', 'sign in or send Authorization: Bearer <API token>');
    return null;
  }
  if (!defineAbilityFor(user).can(can.action, can.subject)) {
    sendError(res, 'FORBIDDEN', `role ${user.role} may not ${can.action} ${can.subject}`);
    return null;
  }
  return user;
}
