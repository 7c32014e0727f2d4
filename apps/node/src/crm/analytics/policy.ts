// The node's own analytics policy (one row): minimum cell size k, default margin rate, CLV and value-tier shares.
import type { Kysely } from 'kysely';
import { appendAudit } from '../../audit/log.ts';
import type { Actor } from '../../auth/actor.ts';
import { auditActor } from '../../auth/actor.ts';
import type { Database } from '../../db/database.ts';
import type { Deps } from '../../deps.ts';

export interface AnalyticsPolicy {
  /** No aggregate cell shows fewer customers than this (k). */
  minCellSize: number;
  /** Margin share assumed for purchases without a cost. */
  defaultMarginRate: number;
  /** Annual discount rate of the CLV formula. */
  clvDiscountRate: number;
  /** Share of buying customers in the `top` value tier (by margin). */
  valueTopShare: number;
  /** Share of buying customers in the `tail` value tier. */
  valueTailShare: number;
  updatedAt: Date;
}

export async function getAnalyticsPolicy(db: Kysely<Database>): Promise<AnalyticsPolicy> {
  const r = await db.selectFrom('analytics_policy').selectAll().executeTakeFirstOrThrow();
  return {
    minCellSize: r.min_cell_size,
    defaultMarginRate: Number(r.default_margin_rate),
    clvDiscountRate: Number(r.clv_discount_rate),
    valueTopShare: Number(r.value_top_share),
    valueTailShare: Number(r.value_tail_share),
    updatedAt: r.updated_at,
  };
}

export type PolicyPatch = Partial<Omit<AnalyticsPolicy, 'updatedAt'>>;

/** Changes the policy (audited with the before and after values). */
export async function setAnalyticsPolicy(
  deps: Pick<Deps, 'db' | 'now'>,
  input: { patch: PolicyPatch; actor: Actor },
): Promise<AnalyticsPolicy> {
  const { db } = deps;
  const { patch, actor } = input;
  const now = deps.now();
  const before = await getAnalyticsPolicy(db);
  await db.transaction().execute(async (trx) => {
    await trx
      .updateTable('analytics_policy')
      .set({
        ...(patch.minCellSize !== undefined ? { min_cell_size: patch.minCellSize } : {}),
        ...(patch.defaultMarginRate !== undefined ? { default_margin_rate: patch.defaultMarginRate } : {}),
        ...(patch.clvDiscountRate !== undefined ? { clv_discount_rate: patch.clvDiscountRate } : {}),
        ...(patch.valueTopShare !== undefined ? { value_top_share: patch.valueTopShare } : {}),
        ...(patch.valueTailShare !== undefined ? { value_tail_share: patch.valueTailShare } : {}),
        updated_by: actor.id,
        updated_at: now,
      })
      .execute();
    await appendAudit(trx, {
      action: 'analytics.policy',
      subjectType: 'AnalyticsPolicy',
      subjectId: '1',
      ...auditActor(actor),
      at: now,
      data: {
        before: {
          minCellSize: before.minCellSize,
          defaultMarginRate: before.defaultMarginRate,
          clvDiscountRate: before.clvDiscountRate,
          valueTopShare: before.valueTopShare,
          valueTailShare: before.valueTailShare,
        },
        patch,
      },
    });
  });
  return getAnalyticsPolicy(db);
}
