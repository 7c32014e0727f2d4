// tRPC for the clean room: one initTRPC, the error formatter, and the base procedures every procedure file builds on.
import { ConcordError } from '@concord/protocol/errors';
import { initConcordTrpc } from '@concord/service/trpc';
import { idempotentRunner } from '../lib/idempotency.ts';
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

/** Operator calls (`concord cleanroom …`): the bearer must equal the configured operator token. */
export const operatorProcedure = publicProcedure.use(async ({ ctx, next }) => {
  const token = ctx.config.operatorToken;
  if (!token || !ctx.bearer || !secretsEqual(ctx.bearer, token)) {
    throw new ConcordError('UNAUTHENTICATED', 'the operator token is required');
  }
  return next();
});

/** Mutations run once per Idempotency-Key: `ctx.idempotent(trx => change(trx))`. */
export const partnerMutation = partnerProcedure.use(async ({ ctx, next, path, getRawInput }) => {
  const idempotent = idempotentRunner(ctx.db, ctx.partner.id, ctx.idempotencyKey, path, await getRawInput());
  return next({ ctx: { idempotent } });
});

export const operatorMutation = operatorProcedure.use(async ({ ctx, next, path, getRawInput }) => {
  const idempotent = idempotentRunner(ctx.db, 'operator', ctx.idempotencyKey, path, await getRawInput());
  return next({ ctx: { idempotent } });
});
