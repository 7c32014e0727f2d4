// NPS and CSAT: overall, per period and per customer, for the whole base or a segment. NPS = % promoters (9–10)
// minus % detractors (0–6) over responses; CSAT = average score (1–5) and the share of satisfied (4–5).
import { type Expression, type Kysely, type RawBuilder, sql } from 'kysely';
import type { Database } from '../../db/database.ts';
import { type Period, periodKey } from '../analytics/filters.ts';
import { freshSnapshot } from '../analytics/snapshot/load.ts';
import { snapshotScoreCounts } from '../analytics/snapshot/scores.ts';
import { tuneForAnalytics } from '../analytics/tuning.ts';

export interface ScoreFilter {
  surveyId?: string | undefined;
  questionKey?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  segmentIds?: Expression<unknown> | undefined;
  /** `sql` runs the original statement (the benchmark's baseline); default: the fresh analytics snapshot. */
  engine?: 'snapshot' | 'sql' | undefined;
}

export interface NpsFigures {
  responses: number;
  promoters: number;
  passives: number;
  detractors: number;
  /** -100…100, one decimal; null without responses. */
  nps: number | null;
}

export interface NpsSummary extends NpsFigures {
  /** Responses per score 0…10. */
  distribution: number[];
  trend: Array<NpsFigures & { period: string }>;
}

export interface CsatFigures {
  responses: number;
  /** Mean score, two decimals; null without responses. */
  average: number | null;
  /** Share (0–1) of scores 4 or 5. */
  satisfied: number | null;
}

export interface CsatSummary extends CsatFigures {
  distribution: number[];
  trend: Array<CsatFigures & { period: string }>;
}

function where(kind: 'nps' | 'csat', f: ScoreFilter): RawBuilder<unknown> {
  const parts = [sql`a.kind = ${kind}`, sql`a.score is not null`, sql`c.deleted_at is null`];
  if (f.surveyId) parts.push(sql`a.survey_id = ${f.surveyId}::uuid`);
  if (f.questionKey) parts.push(sql`a.question_key = ${f.questionKey}`);
  if (f.from) parts.push(sql`a.responded_at >= ${f.from.toISOString()}::timestamptz`);
  if (f.to) parts.push(sql`a.responded_at < ${f.to.toISOString()}::timestamptz`);
  if (f.segmentIds) parts.push(sql`a.customer_id in (${f.segmentIds})`);
  return sql.join(parts, sql` and `);
}

export function npsOf(promoters: number, detractors: number, responses: number): number | null {
  return responses === 0 ? null : Math.round(((promoters - detractors) * 1000) / responses) / 10;
}

/** Score counts per (period, score); the figures are folded in JavaScript (at most 11 × periods rows). */
async function scoreCounts(
  db: Kysely<Database>,
  kind: 'nps' | 'csat',
  f: ScoreFilter,
  period: Period,
): Promise<Array<{ period: string; score: number; n: number }>> {
  if (f.engine === 'sql') return sqlScoreCounts(db, kind, f, period);
  const { snapshot, members } = await freshSnapshot(db, f.segmentIds);
  return snapshotScoreCounts(snapshot, { ...f, kind, period, segment: members });
}

/** The SQL version: one scan of survey_answer joined to customer. */
async function sqlScoreCounts(
  db: Kysely<Database>,
  kind: 'nps' | 'csat',
  f: ScoreFilter,
  period: Period,
): Promise<Array<{ period: string; score: number; n: number }>> {
  const query = sql<{ period: string; score: number; n: number }>`
    select ${periodKey(period, sql`a.responded_at`)} as period, a.score::int as score, count(*)::int as n
    from survey_answer a join customer c on c.id = a.customer_id
    where ${where(kind, f)}
    group by 1, 2 order by 1, 2`;
  return db.transaction().execute(async (trx) => {
    await tuneForAnalytics(trx);
    return (await query.execute(trx)).rows;
  });
}

function foldNps(rows: Array<{ score: number; n: number }>): NpsFigures {
  let promoters = 0;
  let passives = 0;
  let detractors = 0;
  for (const r of rows) {
    if (r.score >= 9) promoters += r.n;
    else if (r.score >= 7) passives += r.n;
    else detractors += r.n;
  }
  const responses = promoters + passives + detractors;
  return { responses, promoters, passives, detractors, nps: npsOf(promoters, detractors, responses) };
}

function foldCsat(rows: Array<{ score: number; n: number }>): CsatFigures {
  const responses = rows.reduce((s, r) => s + r.n, 0);
  if (responses === 0) return { responses, average: null, satisfied: null };
  const sum = rows.reduce((s, r) => s + r.score * r.n, 0);
  const satisfied = rows.filter((r) => r.score >= 4).reduce((s, r) => s + r.n, 0);
  return {
    responses,
    average: Math.round((sum * 100) / responses) / 100,
    satisfied: Math.round((satisfied * 1000) / responses) / 1000,
  };
}

function byPeriod<T>(rows: Array<{ period: string; score: number; n: number }>, fold: (r: typeof rows) => T) {
  const periods = [...new Set(rows.map((r) => r.period))];
  return periods.map((period) => ({ period, ...fold(rows.filter((r) => r.period === period)) }));
}

function distribution(rows: Array<{ score: number; n: number }>, lo: number, hi: number): number[] {
  const out = Array.from({ length: hi - lo + 1 }, () => 0);
  for (const r of rows) out[r.score - lo]! += r.n;
  return out;
}

export async function npsSummary(db: Kysely<Database>, f: ScoreFilter, period: Period): Promise<NpsSummary> {
  const rows = await scoreCounts(db, 'nps', f, period);
  return { ...foldNps(rows), distribution: distribution(rows, 0, 10), trend: byPeriod(rows, foldNps) };
}

export async function csatSummary(
  db: Kysely<Database>,
  f: ScoreFilter,
  period: Period,
): Promise<CsatSummary> {
  const rows = await scoreCounts(db, 'csat', f, period);
  return { ...foldCsat(rows), distribution: distribution(rows, 1, 5), trend: byPeriod(rows, foldCsat) };
}

export interface CustomerScore {
  survey: string;
  question: string;
  kind: 'nps' | 'csat';
  score: number;
  respondedAt: Date;
}

/** One customer's NPS and CSAT answers, newest first. */
export async function customerScores(db: Kysely<Database>, customerId: string): Promise<CustomerScore[]> {
  const { rows } = await sql<CustomerScore>`
    select s.key as survey, a.question_key as question, a.kind, a.score::int as score, a.responded_at as "respondedAt"
    from survey_answer a join survey s on s.id = a.survey_id
    where a.customer_id = ${customerId}::uuid and a.kind in ('nps', 'csat') and a.score is not null
    order by a.responded_at desc`.execute(db);
  return rows;
}
