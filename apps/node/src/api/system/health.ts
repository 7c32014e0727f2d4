// system.health: liveness of the node and its database, for the console's admin view.
import { sql } from 'kysely';
import { z } from 'zod';
import { publicProcedure } from '../trpc.ts';

export const HealthOutput = z.object({
  ok: z.boolean(),
  name: z.string(),
  industry: z.string(),
  database: z.boolean(),
});

export const health = publicProcedure.output(HealthOutput).query(async ({ ctx }) => {
  const database = await sql`select 1`.execute(ctx.db).then(
    () => true,
    () => false,
  );
  return { ok: database, name: ctx.config.name, industry: ctx.config.industry, database };
});
