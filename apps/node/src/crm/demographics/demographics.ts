// Reading and writing one customer's demographics (sensitive): typed fields, validated once by zod.
import { ConcordError } from '@concord/protocol/errors';
import { sql } from 'kysely';
import { z } from 'zod';
import { appendAudit } from '../../audit/log.ts';
import type { Actor } from '../../auth/actor.ts';
import { auditActor } from '../../auth/actor.ts';
import { EDUCATION_LEVELS, INCOME_BANDS, SEXES } from '../../db/tables/analytics.table.ts';
import { atOneInstant, type Deps, inTrx } from '../../deps.ts';
import { dateText } from '../customers/customers.ts';
import { ageAt, ageBandOf } from './fields.ts';

/** Every field optional: absent = leave as is, null = clear. */
export const DemographicsPatch = z.object({
  sex: z.enum(SEXES).nullable().optional(),
  incomeBand: z.enum(INCOME_BANDS).nullable().optional(),
  education: z.enum(EDUCATION_LEVELS).nullable().optional(),
  householdSize: z.number().int().min(1).max(20).nullable().optional(),
  region: z.string().trim().min(1).max(100).nullable().optional(),
});
export type DemographicsPatch = z.infer<typeof DemographicsPatch>;

export interface Demographics {
  customerId: string;
  sex: string | null;
  birthDate: string | null;
  ageBand: string | null;
  incomeBand: string | null;
  education: string | null;
  householdSize: number | null;
  region: string | null;
}

const COLUMN = {
  sex: 'sex',
  incomeBand: 'income_band',
  education: 'education',
  householdSize: 'household_size',
  region: 'region',
} as const;

/** One customer's demographics, the age band as of `deps.now()`. */
export async function getDemographics(
  deps: Pick<Deps, 'db' | 'now'>,
  input: { customerId: string },
): Promise<Demographics> {
  const { customerId } = input;
  const row = await deps.db
    .selectFrom('customer as c')
    .leftJoin('customer_demographics as d', 'd.customer_id', 'c.id')
    .select(['c.id', 'c.birth_date', 'd.sex', 'd.income_band', 'd.education', 'd.household_size', 'd.region'])
    .where('c.id', '=', customerId)
    .where('c.deleted_at', 'is', null)
    .executeTakeFirst();
  if (!row) throw new ConcordError('NOT_FOUND', 'no such customer');
  const birth = dateText(row.birth_date);
  const age = birth ? ageAt(birth, deps.now()) : null;
  return {
    customerId: row.id,
    sex: row.sex ?? null,
    birthDate: birth,
    ageBand: age === null || age < 0 ? null : ageBandOf(age),
    incomeBand: row.income_band ?? null,
    education: row.education ?? null,
    householdSize: row.household_size ?? null,
    region: row.region ?? null,
  };
}

/** Row for the upsert: every column, existing values kept where the patch is silent. */
function toColumns(patch: DemographicsPatch): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(COLUMN)) {
    const v = patch[key as keyof DemographicsPatch];
    if (v !== undefined) out[column] = v;
  }
  return out;
}

/** Upserts demographics for many customers (ids resolved by the caller) in one statement per batch. */
export async function upsertDemographics(
  deps: Pick<Deps, 'db' | 'now'>,
  rows: Array<{ customerId: string; patch: DemographicsPatch }>,
): Promise<number> {
  if (rows.length === 0) return 0;
  const { db } = deps;
  const now = deps.now();
  const values = rows.map((r) => ({ customer_id: r.customerId, updated_at: now, ...toColumns(r.patch) }));
  let written = 0;
  // Rows with different column sets cannot share one VALUES list: group them by shape.
  // A customer twice in one statement would fail the upsert: within a shape the last row wins.
  const shapes = new Map<string, Map<string, (typeof values)[number]>>();
  for (const v of values) {
    const key = Object.keys(v).sort().join(',');
    const group = shapes.get(key) ?? new Map();
    group.set(v.customer_id, v);
    shapes.set(key, group);
  }
  for (const byCustomer of shapes.values()) {
    const group = [...byCustomer.values()];
    const cols = Object.keys(group[0]!).filter((k) => k !== 'customer_id');
    const r = await db
      .insertInto('customer_demographics')
      .values(group as never)
      .onConflict((oc) =>
        oc
          .column('customer_id')
          .doUpdateSet(Object.fromEntries(cols.map((c) => [c, sql.ref(`excluded.${c}`)]))),
      )
      .executeTakeFirst();
    written += Number(r.numInsertedOrUpdatedRows ?? 0);
  }
  return written;
}

/** Console edit of one customer's demographics (audited without the values: they are sensitive). */
export async function updateDemographics(
  deps: Pick<Deps, 'db' | 'now'>,
  input: { customerId: string; patch: DemographicsPatch; actor: Actor },
): Promise<Demographics> {
  const { customerId, patch, actor } = input;
  const at = atOneInstant(deps);
  const now = at.now();
  await getDemographics(at, { customerId });
  await at.db.transaction().execute(async (trx) => {
    await upsertDemographics(inTrx(at, trx), [{ customerId, patch }]);
    await appendAudit(trx, {
      action: 'demographics.update',
      subjectType: 'Customer',
      subjectId: customerId,
      ...auditActor(actor),
      at: now,
      data: { fields: Object.keys(toColumns(patch)) },
    });
  });
  return getDemographics(at, { customerId });
}
