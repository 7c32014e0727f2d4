// Validates raw answers against a survey's questions and records responses (idempotent by external id).
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { Question, Survey } from './surveys.ts';

export type AnswerValue = { score: number } | { choices: string[] } | { text: string };
export type Answer = { key: string; kind: Question['kind'] } & AnswerValue;

/** Parses one answer given as text (CSV cell or form field); multiple choices are separated by ";" or "|". */
export function parseAnswer(
  q: Question,
  raw: string,
): { ok: true; answer: Answer } | { ok: false; reason: string } {
  const bad = (why: string) => ({ ok: false as const, reason: `answer to ${q.key}: ${why}` });
  if (q.kind === 'nps' || q.kind === 'csat') {
    const [lo, hi] = q.kind === 'nps' ? [0, 10] : [1, 5];
    if (!/^\d{1,2}$/.test(raw) || Number(raw) < lo || Number(raw) > hi)
      return bad(`"${raw.slice(0, 20)}" is not a whole number from ${lo} to ${hi}`);
    return { ok: true, answer: { key: q.key, kind: q.kind, score: Number(raw) } };
  }
  if (q.kind === 'text') {
    if (raw.length > 5000) return bad('text longer than 5000 characters');
    return { ok: true, answer: { key: q.key, kind: q.kind, text: raw } };
  }
  const choices =
    q.kind === 'single'
      ? [raw]
      : raw
          .split(/[;|]/)
          .map((s) => s.trim())
          .filter(Boolean);
  const unknown = choices.find((c) => !q.options!.includes(c));
  if (unknown !== undefined) return bad(`"${unknown.slice(0, 40)}" is not one of ${q.options!.join(', ')}`);
  return { ok: true, answer: { key: q.key, kind: q.kind, choices: [...new Set(choices)] } };
}

export interface ResponseInput {
  externalId: string | null;
  survey: Survey;
  customerId: string;
  respondedAt: Date;
  answers: Answer[];
}

/** Records responses; a response whose external id is already stored is left as it is. Returns how many landed. */
export async function recordResponses(
  db: Kysely<Database>,
  rows: ResponseInput[],
  createdBy: string | null,
): Promise<number> {
  let recorded = 0;
  for (const r of rows) {
    const inserted = await db
      .insertInto('survey_response')
      .values({
        external_id: r.externalId,
        survey_id: r.survey.id,
        customer_id: r.customerId,
        responded_at: r.respondedAt,
        created_by: createdBy,
      })
      .onConflict((oc) => oc.column('external_id').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!inserted || r.answers.length === 0) continue;
    recorded++;
    await db
      .insertInto('survey_answer')
      .values(
        r.answers.map((a) => ({
          response_id: inserted.id,
          question_key: a.key,
          survey_id: r.survey.id,
          customer_id: r.customerId,
          responded_at: r.respondedAt,
          kind: a.kind,
          score: 'score' in a ? a.score : null,
          choices: 'choices' in a ? a.choices : null,
          text: 'text' in a ? a.text : null,
        })),
      )
      .execute();
  }
  return recorded;
}

export interface Verbatim {
  responseId: string;
  customerId: string;
  survey: string;
  question: string;
  respondedAt: Date;
  text: string;
}

/** Free-text answers matching a web-search style query ("late delivery" -refund), newest first. */
export async function searchVerbatims(
  db: Kysely<Database>,
  opts: { q: string; surveyId?: string | undefined; limit: number },
): Promise<Verbatim[]> {
  const { rows } = await sql<Verbatim>`
    select a.response_id as "responseId", a.customer_id as "customerId", s.key as survey,
      a.question_key as question, a.responded_at as "respondedAt", a.text
    from survey_answer a join survey s on s.id = a.survey_id
    join customer c on c.id = a.customer_id and c.deleted_at is null
    where a.kind = 'text'
      and to_tsvector('simple', coalesce(a.text, '')) @@ websearch_to_tsquery('simple', ${opts.q})
      ${opts.surveyId ? sql`and a.survey_id = ${opts.surveyId}::uuid` : sql``}
    order by a.responded_at desc limit ${opts.limit}`.execute(db);
  return rows;
}
