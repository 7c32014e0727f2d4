// Surveys: NPS trend and score distribution, CSAT, and a search through the verbatims.
import { type UseQueryResult, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { type RouterOutputs, useTRPC } from '../../trpc.ts';
import { BarChart, ColumnChart } from '../../ui/charts.tsx';
import { Field } from '../../ui/form.tsx';
import { Card, fmtDate, fmtNumber, Page, Stat } from '../../ui/layout.tsx';
import { ChartState, Empty, QueryState } from '../../ui/states.tsx';
import { SegmentScope } from '../shared/segment-scope.tsx';

type Nps = UseQueryResult<RouterOutputs['surveys']['nps'], unknown>;

export function SurveysScreen() {
  const trpc = useTRPC();
  const [segmentId, setSegmentId] = useState('');
  const scope = segmentId ? { segmentId } : {};
  const nps = useQuery(trpc.surveys.nps.queryOptions({ period: 'month', ...scope }));
  const csat = useQuery(trpc.surveys.csat.queryOptions({ period: 'month', ...scope }));
  return (
    <Page
      title="Surveys"
      subtitle="Net Promoter Score and satisfaction over time, for everyone or one segment, with what customers wrote."
      actions={<SegmentScope id="sv-scope" value={segmentId} onChange={setSegmentId} />}
    >
      <div className="grid-3">
        <Stat
          label="NPS"
          testId="nps-value"
          value={nps.data?.nps ?? '—'}
          foot={nps.data ? `${fmtNumber(nps.data.responses)} responses` : null}
        />
        <Stat
          label="Promoters / detractors"
          value={nps.data ? `${fmtNumber(nps.data.promoters)} / ${fmtNumber(nps.data.detractors)}` : '—'}
        />
        <Stat
          label="CSAT (1–5)"
          value={csat.data?.average ?? '—'}
          foot={csat.data?.satisfied != null ? `${Math.round(csat.data.satisfied * 100)}% satisfied` : null}
        />
      </div>
      <NpsCharts nps={nps} />
      <Verbatims />
    </Page>
  );
}

const NO_NPS = 'No NPS answers yet';

function NpsCharts({ nps }: { nps: Nps }) {
  return (
    <div className="grid-2">
      <Card title="NPS trend">
        <ChartState query={nps} isEmpty={(d) => d.trend.length === 0} emptyTitle={NO_NPS}>
          {(d) => (
            <ColumnChart
              title="NPS per month"
              // NPS runs from −100 to 100: columns start at −100 so negative months still show.
              format={(n) => String(Math.round((n - 100) * 10) / 10)}
              data={d.trend
                .slice(-12)
                .map((p) => ({ label: p.period.slice(2, 7), value: p.nps === null ? null : p.nps + 100 }))}
            />
          )}
        </ChartState>
      </Card>
      <Card title="Score distribution">
        <ChartState query={nps} isEmpty={(d) => d.responses === 0} emptyTitle={NO_NPS}>
          {(d) => (
            <BarChart
              title="NPS score distribution"
              data={d.distribution.map((n, score) => ({
                label: `${score}`,
                value: n,
                color:
                  score >= 9
                    ? 'var(--ok, #1f8a4c)'
                    : score >= 7
                      ? 'var(--partner)'
                      : 'var(--danger, #b42318)',
              }))}
            />
          )}
        </ChartState>
      </Card>
    </div>
  );
}

function Verbatims() {
  const trpc = useTRPC();
  const [q, setQ] = useState('');
  const verbatims = useQuery({
    ...trpc.surveys.search.queryOptions({ q: q.trim() || 'x', limit: 20 }),
    enabled: q.trim().length > 1,
  });
  return (
    <Card title="Verbatims" hint="Search what customers wrote (words, quoted phrases, -exclusions).">
      <Field label="Search verbatims" id="sv-q">
        <input
          id="sv-q"
          className="input"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          placeholder="late delivery"
        />
      </Field>
      {q.trim().length > 1 ? (
        <QueryState
          query={verbatims}
          isEmpty={(d) => d.length === 0}
          empty={<Empty icon="search" title="No answer matches" />}
        >
          {(rows) => (
            <ul className="stack" data-testid="verbatims">
              {rows.map((v) => (
                <li key={`${v.responseId}-${v.question}`}>
                  <q>{v.text}</q>{' '}
                  <span className="small muted">
                    — {v.survey}, {fmtDate(v.respondedAt)}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </QueryState>
      ) : null}
    </Card>
  );
}
