// Sign-in and CASL check for the raw HTTP routes beside tRPC (streaming CSV uploads).
import type { IncomingMessage } from 'node:http';
import { type Action, defineAbilityFor, type Subject } from '@concord/access';
import { ConcordError } from '@concord/protocol/errors';
import type { SessionUser } from '../api/context.ts';
import type { Deps } from '../deps.ts';
import { authenticateRequest } from './authenticate.ts';

/** Who is calling (session cookie or API token); routes take it as a dependency so tests can inject one. */
export type Authenticate = (
  deps: Pick<Deps, 'db' | 'now'>,
  headers: IncomingMessage['headers'],
) => Promise<SessionUser | null>;

/** The caller when signed in and allowed `action` on `subject`; otherwise the refusal (401/403) to answer. */
export async function authorizeRequest(
  deps: Pick<Deps, 'db' | 'now'> & { authenticate?: Authenticate | undefined },
  input: { req: IncomingMessage; can: { action: Action; subject: Subject } },
): Promise<SessionUser | ConcordError> {
  const { req, can } = input;
  const user = await (deps.authenticate ?? authenticateRequest)(deps, req.headers);
  if (!user) return new ConcordError('UNAUTHENTICATED', 'sign in or send Authorization: Bearer <API token>');
  if (!defineAbilityFor(user).can(can.action, can.subject)) {
    return new ConcordError('FORBIDDEN', `role ${user.role} may not ${can.action} ${can.subject}`);
  }
  return user;
}
