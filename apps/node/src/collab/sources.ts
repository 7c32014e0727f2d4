// The CRM and consent queries the publisher and list resolution build on (segment membership, eligibility).

import type { Recipient } from '@concord/consent/eligibility';
import { INELIGIBLE_REASONS } from '@concord/consent/eligibility';
import { purposeBit } from '@concord/federation/purpose-mask';
import { ConcordError } from '@concord/protocol/errors';
import { type Kysely, type RawBuilder, sql } from 'kysely';
import {
  type Candidates,
  decisionsQuery,
  eligibleCustomersQuery,
  loadRules,
} from '../consent/eligibility-sql.ts';
import { compileSegment } from '../crm/segments/compile.ts';
import { SegmentRule } from '../crm/segments/rule.ts';
import type { Database } from '../db/database.ts';

export type { Candidates, Recipient };

/** The segment's current members (set-based, from its rule), as eligibility candidates. */
export async function segmentCandidates(
  db: Kysely<Database>,
  segmentId: string,
  at: Date,
): Promise<Candidates> {
  const row = await db
    .selectFrom('segment')
    .select('rule')
    .where((eb) => eb.and({ id: segmentId, deleted_at: null }))
    .executeTakeFirst();
  if (!row) throw new ConcordError('NOT_FOUND', 'no such segment');
  const rule = SegmentRule.safeParse(row.rule);
  if (!rule.success) throw new ConcordError('CONFLICT', 'the segment rule is not valid any more');
  return compileSegment(db, rule.data, at) as unknown as Candidates;
}

/**
 * `{ customer_id, mask }` for every candidate: bit i set when the customer is eligible for purposes[i] towards
 * EVERY recipient (each partner that can match against the publication). One statement.
 */
export async function purposeMaskQuery(
  db: Kysely<Database>,
  candidates: Candidates,
  purposes: readonly string[],
  recipients: readonly Recipient[],
  at: Date,
): Promise<RawBuilder<{ customer_id: string; mask: number }>> {
  if (recipients.length === 0)
    throw new ConcordError('CONFLICT', 'the collaboration has no other member to publish to');
  const rules = await loadRules(db, [...purposes], at);
  const perRecipient = recipients.map(
    (recipient) =>
      sql`select e.customer_id, unnest(e.purposes) as purpose from (${eligibleCustomersQuery(
        db,
        { purposes: [...purposes], recipient, at, candidates, require: 'any' },
        rules,
      )}) e`,
  );
  const bits = purposes.map((p, i) => sql`(${p}::text, ${purposeBit(i)}::int)`);
  return sql<{ customer_id: string; mask: number }>`
    select c.customer_id, coalesce(m.mask, 0)::int as mask
    from (${candidates}) c
    left join (
      select ok.customer_id, sum(b.bit)::int as mask
      from (
        select a.customer_id, a.purpose from (${sql.join(perRecipient, sql` union all `)}) a
        group by a.customer_id, a.purpose having count(*) = ${recipients.length}
      ) ok join (values ${sql.join(bits)}) as b(purpose, bit) on b.purpose = ok.purpose
      group by ok.customer_id
    ) m on m.customer_id = c.customer_id`;
}

/**
 * Why candidates are excluded: each customer counted once, under the first reason (INELIGIBLE_REASONS order)
 * among the purpose × recipient decisions that failed.
 */
export async function exclusionReasonCounts(
  db: Kysely<Database>,
  candidates: Candidates,
  purposes: readonly string[],
  recipients: readonly Recipient[],
  at: Date,
): Promise<Record<string, number>> {
  const rules = await loadRules(db, [...purposes], at);
  const decisions = recipients.map(
    (recipient) =>
      sql`select d.customer_id, d.reason from (${decisionsQuery(
        db,
        { purposes: [...purposes], recipient, at, candidates },
        rules,
      )}) d where d.reason is not null`,
  );
  const order = sql.raw(
    `case x.reason ${INELIGIBLE_REASONS.map((r, i) => `when '${r}' then ${i}`).join(' ')} end`,
  );
  const { rows } = await sql<{ reason: string; n: number }>`
    select p.reason, count(*)::int as n from (
      select x.customer_id, (array_agg(x.reason order by ${order}))[1] as reason
      from (${sql.join(decisions, sql` union all `)}) x group by x.customer_id
    ) p group by p.reason`.execute(db);
  return Object.fromEntries(rows.map((r) => [r.reason, Number(r.n)]));
}

/** Of `customerIds`, those eligible now for `purpose` towards every recipient. */
export async function eligibleAmong(
  db: Kysely<Database>,
  customerIds: readonly string[],
  purpose: string,
  recipients: readonly Recipient[],
  at: Date,
): Promise<Set<string>> {
  if (customerIds.length === 0) return new Set();
  const candidates = db
    .selectFrom('customer')
    .select('customer.id as customer_id')
    .where('customer.id', 'in', [...customerIds])
    .where('customer.deleted_at', 'is', null) as unknown as Candidates;
  const mask = await purposeMaskQuery(db, candidates, [purpose], recipients, at);
  const { rows } = await sql<{
    customer_id: string;
  }>`select q.customer_id::text as customer_id from (${mask}) q where q.mask = 1`.execute(db);
  return new Set(rows.map((r) => r.customer_id));
}
