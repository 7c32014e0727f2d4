// The node's request context: a pure inner part (testable with createCaller) and the HTTP part that builds it.
import type { Credential } from '../auth/actor.ts';
import { createLoginGuard, DEFAULT_LOGIN_GUARD, type LoginGuard } from '../auth/login-guard.ts';
import type { Deps } from '../deps.ts';
import type { NodeConfig } from '../env.ts';

/** Who is calling; filled by the session middleware (auth lives in the consent/roles module). */
export interface SessionUser {
  id: string;
  email: string;
  role: 'admin' | 'compliance' | 'marketer';
  /** How they signed in: a console session or an API token; the audit log records it with every change. */
  credential?: Credential;
}

/** The node's deps (db, the clock tests move, logger) plus what a request carries. */
export interface InnerContext extends Deps {
  config: NodeConfig;
  user: SessionUser | null;
  /** Per-source attempt budget and hashing slots for auth.login; one per running node. */
  loginGuard: LoginGuard;
}

export interface HttpBits {
  /** Request headers (lower-case), for cookies and idempotency keys. */
  headers: Record<string, string | string[] | undefined>;
  /** Sets a response header (cookies). */
  setHeader: (name: string, value: string | string[]) => void;
  /** The client address (behind a trusted proxy: X-Forwarded-For), for the login rate limits. */
  ip?: string;
  /** Arrived over HTTPS (directly or via a trusted proxy): cookies get `Secure`. */
  secure?: boolean;
}

export type Context = InnerContext & { http?: HttpBits };

export function createInnerContext(
  deps: Omit<InnerContext, 'now' | 'user' | 'loginGuard'> & Partial<InnerContext>,
): InnerContext {
  const loginGuard = createLoginGuard({ ...DEFAULT_LOGIN_GUARD, concurrency: deps.config.loginConcurrency });
  return { now: () => new Date(), user: null, loginGuard, ...deps };
}
