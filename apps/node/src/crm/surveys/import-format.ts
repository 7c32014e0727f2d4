// CSV format of survey responses: external_id, survey (key), customer_external_id, responded_at, then one column
// per question key. An empty answer cell means "not answered".
import type { HeaderMap } from '../import/header.ts';
import { cell } from '../import/header.ts';
import {
  type Numbered,
  type Parsed,
  type RowError,
  type RowFormat,
  withCustomers,
} from '../import/row-import.ts';
import { parseTimestamp } from '../import/values.ts';
import { type Answer, parseAnswer, recordResponses } from './answers.ts';
import { surveysByKey } from './surveys.ts';

interface ResponseRow {
  externalId: string;
  surveyKey: string;
  customerExternalId: string;
  respondedAt: Date;
  /** Question key → raw text, validated against the survey at commit time. */
  raw: Array<[string, string]>;
}

function parse(map: HeaderMap, fields: string[]): Parsed<ResponseRow> {
  const fail = (field: string, reason: string) => ({ ok: false as const, field, reason });
  const externalId = cell(map, fields, 'external_id');
  if (!externalId) return fail('external_id', 'missing external_id');
  const surveyKey = cell(map, fields, 'survey');
  if (!surveyKey) return fail('survey', 'missing survey');
  const customerExternalId = cell(map, fields, 'customer_external_id');
  if (!customerExternalId) return fail('customer_external_id', 'missing customer_external_id');
  const when = cell(map, fields, 'responded_at');
  if (!when) return fail('responded_at', 'missing responded_at');
  const at = parseTimestamp(when);
  if (!at.ok) return fail('responded_at', at.reason);
  const raw: Array<[string, string]> = [];
  for (const [key, i] of map.extra) {
    const v = fields[i]?.trim();
    if (v) raw.push([key.toLowerCase(), v]);
  }
  return { ok: true, row: { externalId, surveyKey, customerExternalId, respondedAt: at.value, raw } };
}

export const SURVEY_RESPONSES_CSV: RowFormat<ResponseRow> = {
  spec: {
    known: ['external_id', 'survey', 'customer_external_id', 'responded_at'],
    required: ['external_id', 'survey', 'customer_external_id', 'responded_at'],
  },
  parse,
  commit: (deps, rows) =>
    deps.db.transaction().execute(async (trx) => {
      const surveys = await surveysByKey(trx);
      const { known, errors } = await withCustomers(trx, rows);
      const good = [];
      for (const r of known) {
        const checked = checkAnswers(r, surveys);
        if ('error' in checked) errors.push(checked.error);
        else
          good.push({
            externalId: r.row.externalId,
            survey: checked.survey,
            customerId: r.customerId,
            respondedAt: r.row.respondedAt,
            answers: checked.answers,
          });
      }
      const imported = await recordResponses(trx, good, null);
      return { imported, errors };
    }),
};

function checkAnswers(
  r: Numbered<ResponseRow>,
  surveys: Awaited<ReturnType<typeof surveysByKey>>,
): { error: RowError } | { survey: NonNullable<ReturnType<typeof surveys.get>>; answers: Answer[] } {
  const survey = surveys.get(r.row.surveyKey);
  if (!survey)
    return {
      error: { line: r.line, field: 'survey', reason: `unknown survey "${r.row.surveyKey.slice(0, 40)}"` },
    };
  const answers: Answer[] = [];
  for (const [key, raw] of r.row.raw) {
    const q = survey.questions.find((x) => x.key === key);
    if (!q)
      return {
        error: {
          line: r.line,
          field: key,
          reason: `survey ${survey.key} has no question "${key.slice(0, 40)}"`,
        },
      };
    const a = parseAnswer(q, raw);
    if (!a.ok) return { error: { line: r.line, field: key, reason: a.reason } };
    answers.push(a.answer);
  }
  if (answers.length === 0) return { error: { line: r.line, field: null, reason: 'no answers in this row' } };
  return { survey, answers };
}
