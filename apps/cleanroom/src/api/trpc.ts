// tRPC for the clean room: one initTRPC, the error formatter, and the base procedures every procedure file builds on.
import { type Action, defineOperatorAbility, type Subject } from '@concord/access';
import { ConcordError } from '@concord/protocol/errors';
import { initConcordTrpc } from '@concord/service/trpc';
import { idempotentRunner } from '../lib/idempotency.ts';
import { CONSOLE_HEADER, fromConsole, sessionCookieOf, sessionIsLive } from '../operator/sessions.ts';
import { secretsEqual } from '../partners/credentials.ts';
import { authenticatePartner } from '../partners/partners.ts';
import type { Context } from './context.ts';

// mapErrors turns whatever a procedure throws into the right TRPCError, once for every procedure.
const { t, mapErrors } = initConcordTrpc<Context>();

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const middleware = t.middleware;
export const publicProcedure = t.procedure.use(mapErrors);

/** Every node call: the bearer credential resolves to exactly one active partner, which all checks use. */
export const partnerProcedure = publicProcedure.use(async ({ ctx, next }) => {
  const partner = await authenticatePartner(ctx.db, ctx.bearer);
  return next({ ctx: { partner } });
});

/**
 * The operator: the CLI sends the operator token as its bearer; the console sends its session cookie plus the
 * console header (a cross-site request cannot set it, so a forged form post or image never acts as the operator).
 */
async function authenticateOperator(ctx: Context): Promise<'token' | 'console'> {
  const token = ctx.config.operatorToken;
  if (ctx.bearer) {
    if (token && secretsEqual(ctx.bearer, token)) return 'token';
    throw new ConcordError('UNAUTHENTICATED', 'the operator token is required');
  }
  const session = sessionCookieOf(ctx.headers);
  if (!session || !(await sessionIsLive(ctx.db, ctx.now(), session))) {
    throw new ConcordError('UNAUTHENTICATED', 'sign in to the operator console or send the operator token');
  }
  if (!fromConsole(ctx.headers)) {
    throw new ConcordError('CROSS_SITE_REFUSED', `console calls must carry the ${CONSOLE_HEADER} header`);
  }
  return 'console';
}

/** Operator calls (console or `concord cleanroom …`): authenticated, with the operator's CASL ability. */
export const operatorProcedure = publicProcedure.use(async ({ ctx, next }) => {
  const via = await authenticateOperator(ctx);
  return next({ ctx: { operatorVia: via, ability: defineOperatorAbility() } });
});

/** The base of every operator procedure: authenticated AND allowed `action` on `subject` by operatorRules. */
export function operatorCan(action: Action, subject: Subject) {
  return operatorProcedure.use(({ ctx, next }) => {
    if (!ctx.ability.can(action, subject)) {
      throw new ConcordError('FORBIDDEN', `the operator may not ${action} ${subject}`);
    }
    return next();
  });
}

/** Mutations run once per Idempotency-Key: `ctx.idempotent(trx => change(trx))`. */
export const partnerMutation = partnerProcedure.use(async ({ ctx, next, path, getRawInput }) => {
  const idempotent = idempotentRunner(ctx.db, ctx.partner.id, ctx.idempotencyKey, path, await getRawInput());
  return next({ ctx: { idempotent } });
});

export function operatorMutation(action: Action, subject: Subject) {
  return operatorCan(action, subject).use(async ({ ctx, next, path, getRawInput }) => {
    const idempotent = idempotentRunner(ctx.db, 'operator', ctx.idempotencyKey, path, await getRawInput());
    return next({ ctx: { idempotent } });
  });
}
