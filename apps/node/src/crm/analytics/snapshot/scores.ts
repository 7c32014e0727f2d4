// NPS/CSAT score counts per (period, score) over the snapshot's answers of live customers (in a segment if given).
import type { Period } from '../filters.ts';
import { coderOf } from './coders.ts';
import { compare } from './cross-tab.ts';
import { SCORE_KINDS, type Snapshot } from './store.ts';

export interface SnapshotScoreQuery {
  kind: (typeof SCORE_KINDS)[number];
  surveyId?: string | undefined;
  questionKey?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  segment?: Uint8Array | undefined;
  period: Period;
}

export function snapshotScoreCounts(
  snap: Snapshot,
  q: SnapshotScoreQuery,
): Array<{ period: string; score: number; n: number }> {
  const kind = SCORE_KINDS.indexOf(q.kind);
  // −2 never matches a stored code: a survey or question nobody answered selects nothing.
  const survey = q.surveyId === undefined ? -1 : (snap.dicts.survey.find(q.surveyId) ?? -2);
  const question = q.questionKey === undefined ? -1 : (snap.dicts.question.find(q.questionKey) ?? -2);
  const from = q.from ? q.from.getTime() : Number.NEGATIVE_INFINITY;
  const to = q.to ? q.to.getTime() : Number.POSITIVE_INFINITY;
  const periods = coderOf(snap, 'period', { asOf: new Date(0), period: q.period, bands: [] }, snap.aMs.data);
  const counts = new Map<number, number>();
  const [present, start, len] = [snap.present.data, snap.aStart.data, snap.aLen.data];
  const [ms, score, kinds, surveys, questions] = [
    snap.aMs.data,
    snap.aScore.data,
    snap.aKind.data,
    snap.aSurvey.data,
    snap.aQuestion.data,
  ];
  for (let s = 0; s < snap.slots; s++) {
    if (present[s] !== 1 || (q.segment && q.segment[s] !== 1)) continue;
    for (let i = start[s]!, end = i + len[s]!; i < end; i++) {
      if (kinds[i] !== kind || ms[i]! < from || ms[i]! >= to) continue;
      if ((survey !== -1 && surveys[i] !== survey) || (question !== -1 && questions[i] !== question))
        continue;
      const key = periods.codes(i) * 16 + score[i]!;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  return [...counts]
    .map(([key, n]) => ({ period: periods.raw(Math.floor(key / 16)), score: key % 16, n }))
    .sort((a, b) => compare(a.period, b.period) || a.score - b.score);
}
