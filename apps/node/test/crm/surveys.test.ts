// Surveys: definitions, CSV and hand-entered responses, NPS/CSAT against an in-test computation on random data,
// per segment and per period, segment rules over answers, verbatim search.
import type { TestDatabase } from '@concord/db/testing';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertCustomers } from '../../src/crm/customers/upsert-customers.ts';
import { importRows } from '../../src/crm/import/row-import.ts';
import { SURVEY_RESPONSES_CSV } from '../../src/crm/surveys/import-format.ts';
import type { Database } from '../../src/db/database.ts';
import { codeOf } from '../code-of.ts';
import { callerAs, csvStream, openTestDb } from './helpers.ts';

let tdb: TestDatabase<Database>;
const NOW = new Date('2026-11-22T10:00:00Z');
const DAY = 86_400_000;
let surveyId = '';

beforeAll(async () => {
  tdb = await openTestDb('crm_surveys');
  await upsertCustomers(
    tdb.db,
    Array.from({ length: 40 }, (_, i) => ({ externalId: `S${i}`, country: i % 2 ? 'DE' : 'FR' })),
  );
  const survey = await callerAs(tdb.db, 'marketer', NOW).surveys.create({
    key: 'relationship',
    name: 'Relationship survey',
    questions: [
      { key: 'nps', kind: 'nps', label: 'How likely are you to recommend us?' },
      { key: 'csat', kind: 'csat', label: 'How satisfied are you with service?' },
      { key: 'channel', kind: 'single', label: 'Preferred channel', options: ['branch', 'app', 'phone'] },
      { key: 'topics', kind: 'multiple', label: 'Topics', options: ['price', 'speed', 'staff'] },
      { key: 'comment', kind: 'text', label: 'Anything else?' },
    ],
  });
  surveyId = survey.id;
});
afterAll(() => tdb.destroy());

function refNps(scores: number[]) {
  const p = scores.filter((s) => s >= 9).length;
  const d = scores.filter((s) => s <= 6).length;
  return scores.length === 0 ? null : Math.round(((p - d) / scores.length) * 1000) / 10;
}

describe('survey responses', () => {
  it('imports a CSV: good rows land, bad rows are reported with line and reason; re-import changes nothing', async () => {
    const csv = [
      'external_id,survey,customer_external_id,responded_at,nps,csat,channel,topics,comment',
      'R1,relationship,S1,2026-11-01,10,5,app,price;speed,"Quick and friendly, thanks"',
      'R2,relationship,S2,2026-10-01T09:00:00Z,3,2,branch,staff,Late delivery again',
      'R3,relationship,S3,2026-11-02,11,,,,',
      'R4,relationship,S3,2026-11-02,,0,,,',
      'R5,relationship,S3,2026-11-02,,,fax,,',
      'R6,other,S3,2026-11-02,5,,,,',
      'R7,relationship,NOPE,2026-11-02,5,,,,',
      'R8,relationship,S3,yesterday,5,,,,',
      'R9,relationship,S3,2026-11-03,,,,,',
      'R10,relationship,S4,2026-11-03,7,,,price|staff,',
    ].join('\n');
    const result = await importRows(
      { db: tdb.db, now: () => new Date() },
      { format: SURVEY_RESPONSES_CSV, source: csvStream(csv) },
    );
    expect(result.imported).toBe(3);
    expect(result.errors.map((e) => [e.line, e.field])).toEqual([
      [4, 'nps'],
      [5, 'csat'],
      [6, 'channel'],
      [7, 'survey'],
      [8, 'customer_external_id'],
      [9, 'responded_at'],
      [10, null],
    ]);
    expect(result.errors[0]!.reason).toBe('answer to nps: "11" is not a whole number from 0 to 10');
    const again = await importRows(
      { db: tdb.db, now: () => new Date() },
      { format: SURVEY_RESPONSES_CSV, source: csvStream(csv) },
    );
    expect(again.imported).toBe(0);
    const m = callerAs(tdb.db, 'marketer', NOW);
    expect((await m.surveys.nps({ surveyId })).responses).toBe(3);
    expect((await m.surveys.search({ q: 'late delivery' })).map((v) => v.text)).toEqual([
      'Late delivery again',
    ]);
    expect(await m.surveys.search({ q: 'friendly -quick' })).toEqual([]);
  });

  it('enters a response by hand, validated against the questions', async () => {
    const m = callerAs(tdb.db, 'marketer', NOW);
    const id = (
      await tdb.db
        .selectFrom('customer')
        .select('id')
        .where('external_id', '=', 'S5')
        .executeTakeFirstOrThrow()
    ).id;
    expect(
      await m.surveys.respond({
        survey: 'relationship',
        customerId: id,
        answers: { nps: '9', comment: 'ok' },
      }),
    ).toEqual({ recorded: 2 });
    expect(
      await codeOf(m.surveys.respond({ survey: 'relationship', customerId: id, answers: { nps: 'ten' } })),
    ).toBe('BAD_INPUT');
    expect(await codeOf(m.surveys.respond({ survey: 'nope', customerId: id, answers: { nps: '1' } }))).toBe(
      'NOT_FOUND',
    );
    expect(
      await codeOf(
        callerAs(tdb.db, 'compliance', NOW).surveys.respond({
          survey: 'relationship',
          customerId: id,
          answers: {},
        }),
      ),
    ).toBe('FORBIDDEN');
    expect((await m.surveys.customerScores({ customerId: id }))[0]).toMatchObject({ kind: 'nps', score: 9 });
  });
});

describe('NPS and CSAT vs reference on random data', () => {
  const answerArb = fc.record({
    customer: fc.integer({ min: 0, max: 39 }),
    daysAgo: fc.integer({ min: 0, max: 400 }),
    nps: fc.option(fc.integer({ min: 0, max: 10 }), { nil: null }),
    csat: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
  });
  it('agrees overall, per month, per segment and in segment rules', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(answerArb, { minLength: 0, maxLength: 80 }),
        fc.constantFrom(6, 8, 9),
        async (answers, max) => {
          await tdb.db.deleteFrom('survey_response').execute();
          const ids = new Map(
            (await tdb.db.selectFrom('customer').select(['id', 'external_id']).execute()).map((r) => [
              r.external_id,
              r.id,
            ]),
          );
          const rows = answers.filter((a) => a.nps !== null || a.csat !== null);
          for (const [i, a] of rows.entries()) {
            const at = new Date(NOW.getTime() - a.daysAgo * DAY - 3_600_000);
            const r = await tdb.db
              .insertInto('survey_response')
              .values({
                external_id: `X${i}`,
                survey_id: surveyId,
                customer_id: ids.get(`S${a.customer}`)!,
                responded_at: at,
                created_by: null,
              })
              .returning('id')
              .executeTakeFirstOrThrow();
            const base = {
              response_id: r.id,
              survey_id: surveyId,
              customer_id: ids.get(`S${a.customer}`)!,
              responded_at: at,
              choices: null,
              text: null,
            };
            if (a.nps !== null)
              await tdb.db
                .insertInto('survey_answer')
                .values({ ...base, question_key: 'nps', kind: 'nps', score: a.nps })
                .execute();
            if (a.csat !== null)
              await tdb.db
                .insertInto('survey_answer')
                .values({ ...base, question_key: 'csat', kind: 'csat', score: a.csat })
                .execute();
          }
          const m = callerAs(tdb.db, 'marketer', NOW);
          const nps = rows.filter((a) => a.nps !== null);
          const got = await m.surveys.nps({ period: 'month' });
          expect(got.responses).toBe(nps.length);
          expect(got.nps).toBe(refNps(nps.map((a) => a.nps!)));
          expect(got.distribution).toEqual(
            Array.from({ length: 11 }, (_, s) => nps.filter((a) => a.nps === s).length),
          );
          for (const point of got.trend) {
            const inMonth = nps.filter(
              (a) =>
                new Date(NOW.getTime() - a.daysAgo * DAY - 3_600_000).toISOString().slice(0, 7) ===
                point.period.slice(0, 7),
            );
            expect(point.nps).toBe(refNps(inMonth.map((a) => a.nps!)));
          }
          const csat = rows.filter((a) => a.csat !== null).map((a) => a.csat!);
          const c = await m.surveys.csat({});
          expect(c.average).toBe(
            csat.length === 0
              ? null
              : Math.round((csat.reduce((s, x) => s + x, 0) * 100) / csat.length) / 100,
          );
          // A segment: odd customers (country DE), and the rule "NPS <= max within 90 days".
          const seg = await m.segments.create({
            name: `de ${Math.random()}`,
            rule: { type: 'field', field: 'country', op: 'eq', value: 'DE' },
          });
          const segNps = nps.filter((a) => a.customer % 2 === 1);
          expect((await m.surveys.nps({ segmentId: seg.id })).nps).toBe(refNps(segNps.map((a) => a.nps!)));
          const preview = await m.segments.preview({
            rule: { type: 'survey_score', metric: 'nps', score: { max }, withinDays: 90 },
          });
          const want = new Set(
            nps
              .filter((a) => a.nps! <= max && a.daysAgo * DAY + 3_600_000 <= 90 * DAY)
              .map((a) => a.customer),
          );
          expect(preview.count).toBe(want.size);
        },
      ),
      { numRuns: 15, seed: 4242 },
    );
  });
});
