// tRPC for the node: one initTRPC, the error formatter, and the base procedures every procedure file builds on.
import { type Action, defineAbilityFor, type Subject } from '@concord/access';
import { ConcordError } from '@concord/protocol/errors';
import { initConcordTrpc } from '@concord/service/trpc';
import type { Context } from './context.ts';
import { screenInput } from './screen-input.ts';

// mapErrors turns whatever a procedure throws into the right TRPCError, once for every procedure.
const { t, mapErrors } = initConcordTrpc<Context>();

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const middleware = t.middleware;
// Runs inside mapErrors, so a refusal comes out as BAD_INPUT like a zod failure.
const screen = t.middleware(async ({ getRawInput, next }) => {
  let raw: unknown;
  try {
    raw = await getRawInput();
  } catch {
    // tRPC parses the body (or `?input=`) lazily and would let the SyntaxError through as a 500. Refuse only when
    // the procedure reads its input: one without input (e.g. audit.verify POSTed with no body) never asks.
    return next({
      getRawInput: async () => {
        throw new ConcordError('BAD_INPUT', 'the input is not valid JSON');
      },
    });
  }
  screenInput(raw);
  return next();
});

export const publicProcedure = t.procedure.use(mapErrors).use(screen);

/** Requires a signed-in user; adds `ability` (CASL) to the context. */
export const authedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.user) throw new ConcordError('UNAUTHENTICATED', 'sign in first');
  return next({ ctx: { user: ctx.user, ability: defineAbilityFor(ctx.user) } });
});

/**
 * The base of every protected procedure: signed in AND allowed `action` on `subject` by the role's CASL rules.
 * Row-level scoping (e.g. own follow-ups) is done in the query with the same ability.
 */
export function can(action: Action, subject: Subject) {
  return authedProcedure.use(({ ctx, next }) => {
    if (!ctx.ability.can(action, subject)) {
      throw new ConcordError('FORBIDDEN', `role ${ctx.user.role} may not ${action} ${subject}`);
    }
    return next();
  });
}
