// A campaign's results: treatment vs holdout, lift with its 95% interval, ROI, and the three charts.
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../../trpc.ts';
import { BarChart, ColumnChart } from '../../ui/charts.tsx';
import { Card, fmtMoney, fmtNumber, Stat } from '../../ui/layout.tsx';
import { QueryState } from '../../ui/states.tsx';

export const pct = (v: number | null | undefined) =>
  v === null || v === undefined ? '—' : `${(v * 100).toFixed(1)}%`;

export function CampaignResults({ campaignId }: { campaignId: string }) {
  const trpc = useTRPC();
  const results = useQuery(trpc.campaigns.results.queryOptions({ campaignId }));
  return (
    <QueryState query={results}>
      {(r) => (
        <>
          <div className="grid-4">
            <Stat
              label="Treatment converted"
              testId="treatment-rate"
              value={pct(r.treatment.conversionRate)}
              foot={`${fmtNumber(r.treatment.converted)} of ${fmtNumber(r.treatment.members)} contacted · ${pct(r.treatment.responseRate)} responded`}
            />
            <Stat
              label="Holdout converted"
              value={pct(r.holdout.conversionRate)}
              foot={`${fmtNumber(r.holdout.converted)} of ${fmtNumber(r.holdout.members)} never contacted`}
            />
            <Stat
              label="Lift"
              testId="lift"
              value={r.lift ? `${r.lift.difference >= 0 ? '+' : ''}${pct(r.lift.difference)}` : '—'}
              foot={
                r.lift
                  ? `95% CI ${pct(r.lift.interval.lower)} … ${pct(r.lift.interval.upper)}`
                  : 'needs both groups'
              }
            />
            <Stat
              label="Revenue · ROI"
              value={fmtMoney(r.treatment.revenue)}
              foot={`cost ${fmtMoney(r.cost)} · ROI ${pct(r.roi)}`}
            />
          </div>
          {Object.keys(r.skipped).length ? (
            <p className="small muted" data-testid="skipped">
              Skipped (never contacted, never counted):{' '}
              {Object.entries(r.skipped)
                .map(([k, v]) => `${k.replaceAll('_', ' ')} ${v}`)
                .join(', ')}
            </p>
          ) : null}
          <div className="grid-2">
            <Card title="Treatment vs holdout" hint="Conversion rate within the attribution window">
              <BarChart
                title="Conversion rate, treatment vs holdout"
                format={(v) => `${v.toFixed(1)}%`}
                data={[
                  { label: 'Treatment', value: (r.treatment.conversionRate ?? 0) * 100 },
                  { label: 'Holdout', value: (r.holdout.conversionRate ?? 0) * 100, color: 'var(--partner)' },
                ]}
              />
            </Card>
            <Card title="Channel ROI" hint="Cost shared by contacted members per channel">
              <BarChart
                title="ROI by channel"
                format={(v) => `${v.toFixed(0)}%`}
                data={r.byChannel.map((c) => ({ label: c.channel, value: c.roi === null ? 0 : c.roi * 100 }))}
              />
            </Card>
          </div>
          <Card title="Conversions over time" hint="Treatment (contacted) per day">
            <ColumnChart
              title="Conversions per day"
              data={r.overTime.map((d) => ({ label: d.day.slice(5), value: d.treatment }))}
            />
          </Card>
        </>
      )}
    </QueryState>
  );
}
