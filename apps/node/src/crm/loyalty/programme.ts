// The loyalty programme's rules: points per currency unit, per-category multipliers, expiry, tiers and their
// qualifying window. One programme per node; tiers are ordered by their threshold.
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../db/database.ts';
import type { Deps } from '../../deps.ts';

export const ProgrammeInput = z.object({
  pointsPerUnit: z.number().min(0).max(1000),
  expiryMonths: z.number().int().min(1).max(120),
  qualifyingMonths: z.number().int().min(1).max(60),
  multipliers: z.record(z.string().min(1).max(200), z.number().min(0).max(100)),
  tiers: z
    .array(
      z.object({
        key: z.string().regex(/^[a-z0-9_]{1,40}$/),
        name: z.string().trim().min(1).max(100),
        threshold: z.number().int().min(0),
      }),
    )
    .max(20)
    .refine((t) => new Set(t.map((x) => x.key)).size === t.length, 'tier keys must be unique')
    .refine((t) => new Set(t.map((x) => x.threshold)).size === t.length, 'tier thresholds must differ'),
});
export type Programme = z.infer<typeof ProgrammeInput>;

export async function getProgramme(db: Kysely<Database>): Promise<Programme> {
  const p = await db.selectFrom('loyalty_programme').selectAll().executeTakeFirstOrThrow();
  const multipliers = await db.selectFrom('loyalty_category_multiplier').selectAll().execute();
  const tiers = await db.selectFrom('loyalty_tier').selectAll().orderBy('threshold').execute();
  return {
    pointsPerUnit: Number(p.points_per_unit),
    expiryMonths: p.expiry_months,
    qualifyingMonths: p.qualifying_months,
    multipliers: Object.fromEntries(multipliers.map((m) => [m.category, Number(m.multiplier)])),
    tiers: tiers.map((t) => ({ key: t.key, name: t.name, threshold: t.threshold })),
  };
}

/** Replaces the programme's rules (members keep their tier until the next scheduled evaluation). */
export async function setProgramme(deps: Pick<Deps, 'db' | 'now'>, input: Programme): Promise<Programme> {
  const { db } = deps;
  const now = deps.now();
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('loyalty_programme')
      .set({
        points_per_unit: input.pointsPerUnit,
        expiry_months: input.expiryMonths,
        qualifying_months: input.qualifyingMonths,
        updated_at: now,
      })
      .execute();
    await trx.deleteFrom('loyalty_category_multiplier').execute();
    const multipliers = Object.entries(input.multipliers).map(([category, multiplier]) => ({
      category,
      multiplier,
    }));
    if (multipliers.length > 0)
      await trx.insertInto('loyalty_category_multiplier').values(multipliers).execute();
    await trx.deleteFrom('loyalty_tier').execute();
    if (input.tiers.length > 0) await trx.insertInto('loyalty_tier').values(input.tiers).execute();
  });
  return getProgramme(db);
}
