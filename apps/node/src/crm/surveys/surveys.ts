// Survey definitions: a survey has a key, a name and ordered questions (NPS 0–10, CSAT 1–5, single or multiple
// choice over fixed options, free text).
import { ConcordError } from '@concord/protocol/errors';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../db/database.ts';
import type { QuestionKind } from '../../db/tables/analytics.table.ts';
import type { Deps } from '../../deps.ts';

const Key = z.string().regex(/^[a-z0-9_]{1,40}$/, 'lower-case letters, digits and _ (at most 40)');

export const QuestionInput = z
  .object({
    key: Key,
    kind: z.enum(['nps', 'csat', 'single', 'multiple', 'text']),
    label: z.string().trim().min(1).max(500),
    options: z.array(z.string().trim().min(1).max(100)).min(2).max(30).optional(),
  })
  .refine((q) => (q.kind === 'single' || q.kind === 'multiple') === (q.options !== undefined), {
    message: 'choice questions need options; other kinds take none',
    path: ['options'],
  });

export const SurveyInput = z.object({
  key: Key,
  name: z.string().trim().min(1).max(200),
  questions: z
    .array(QuestionInput)
    .min(1)
    .max(50)
    .refine((qs) => new Set(qs.map((q) => q.key)).size === qs.length, 'question keys must be unique'),
});
export type SurveyInput = z.infer<typeof SurveyInput>;

export interface Question {
  key: string;
  kind: QuestionKind;
  label: string;
  options: string[] | null;
}

export interface Survey {
  id: string;
  key: string;
  name: string;
  questions: Question[];
}

export async function createSurvey(
  deps: Pick<Deps, 'db'>,
  input: SurveyInput & { createdBy: string | null },
): Promise<Survey> {
  const { createdBy } = input;
  return deps.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('survey')
      .values({ key: input.key, name: input.name, created_by: createdBy })
      .onConflict((oc) => oc.column('key').doNothing())
      .returning('id')
      .executeTakeFirst();
    if (!row) throw new ConcordError('CONFLICT', `a survey with key "${input.key}" exists`);
    await trx
      .insertInto('survey_question')
      .values(
        input.questions.map((q, i) => ({
          survey_id: row.id,
          key: q.key,
          position: i,
          kind: q.kind,
          label: q.label,
          options: q.options ?? null,
        })),
      )
      .execute();
    return { id: row.id, key: input.key, name: input.name, questions: input.questions.map(toQuestion) };
  });
}

function toQuestion(q: {
  key: string;
  kind: QuestionKind;
  label: string;
  options?: string[] | null;
}): Question {
  return { key: q.key, kind: q.kind, label: q.label, options: q.options ?? null };
}

export async function listSurveys(db: Kysely<Database>): Promise<Survey[]> {
  const surveys = await db.selectFrom('survey').select(['id', 'key', 'name']).orderBy('key').execute();
  const questions = await db.selectFrom('survey_question').selectAll().orderBy('position').execute();
  return surveys.map((s) => ({
    ...s,
    questions: questions.filter((q) => q.survey_id === s.id).map(toQuestion),
  }));
}

/** Surveys by key (for imports and rules). */
export async function surveysByKey(db: Kysely<Database>): Promise<Map<string, Survey>> {
  return new Map((await listSurveys(db)).map((s) => [s.key, s]));
}
