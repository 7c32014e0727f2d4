// Analytics: purchases by category, price band and period; RFM grid and classes; optionally for one segment.
import { type UseQueryResult, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { titleCase } from '../../labels.ts';
import { type RouterOutputs, useTRPC } from '../../trpc.ts';
import { periodLabel } from '../../ui/chart-geometry.ts';
import { BarChart, ColumnChart, HeatGrid } from '../../ui/charts.tsx';
import { PickField } from '../../ui/form.tsx';
import { Card, fmtMoney, fmtNumber, Page, Stat } from '../../ui/layout.tsx';
import { ChartState } from '../../ui/states.tsx';
import { Tabs } from '../../ui/tabs.tsx';
import { SegmentScope } from '../shared/segment-scope.tsx';

const PERIODS = ['week', 'month', 'quarter', 'year'] as const;
type Period = (typeof PERIODS)[number];
type Measure = 'revenue' | 'purchases' | 'customers';
type Breakdown = UseQueryResult<RouterOutputs['analytics']['purchaseBreakdown'], unknown>;
type Rfm = UseQueryResult<RouterOutputs['analytics']['rfm'], unknown>;

const NO_PURCHASES = 'No purchases yet';

export function AnalyticsScreen() {
  const trpc = useTRPC();
  const [segmentId, setSegmentId] = useState('');
  const [period, setPeriod] = useState<Period>('month');
  const [measure, setMeasure] = useState<Measure>('revenue');
  const scope = segmentId ? { segmentId } : {};
  const byCategory = useQuery(
    trpc.analytics.purchaseBreakdown.queryOptions({ dimension: 'category', ...scope }),
  );
  const byBand = useQuery(
    trpc.analytics.purchaseBreakdown.queryOptions({ dimension: 'price_band', ...scope }),
  );
  const byPeriod = useQuery(
    trpc.analytics.purchaseBreakdown.queryOptions({ dimension: 'period', period, ...scope }),
  );
  const rfm = useQuery(trpc.analytics.rfm.queryOptions({ ...scope }));
  const total = (byCategory.data ?? []).reduce(
    (acc, r) => ({ revenue: acc.revenue + r.revenue, purchases: acc.purchases + r.purchases }),
    { revenue: 0, purchases: 0 },
  );
  return (
    <Page
      title="Analytics"
      subtitle="What sells, to whom, and how it moves — for the whole customer base or one segment."
      actions={
        <div className="row">
          <SegmentScope id="an-scope" value={segmentId} onChange={setSegmentId} />
          <PickField
            id="an-measure"
            label="Measure"
            value={measure}
            onChange={setMeasure}
            options={MEASURES}
          />
        </div>
      }
    >
      <div className="grid-3">
        <Stat label="Revenue" value={fmtMoney(total.revenue)} />
        <Stat label="Purchases" value={fmtNumber(total.purchases)} />
        <Stat label="Customers with purchases (RFM)" value={rfm.data ? fmtNumber(rfm.data.customers) : '—'} />
      </div>
      <BreakdownCards measure={measure} byCategory={byCategory} byBand={byBand} />
      <Card
        title="Over time"
        actions={
          <Tabs
            label="Period"
            values={PERIODS}
            value={period}
            onChange={setPeriod}
            text={titleCase}
            style={{ margin: 0 }}
          />
        }
      >
        <OverTime measure={measure} period={period} byPeriod={byPeriod} />
      </Card>
      <RfmCards rfm={rfm} />
    </Page>
  );
}

const MEASURES: [Measure, string][] = [
  ['revenue', 'Revenue'],
  ['purchases', 'Purchases'],
  ['customers', 'Customers'],
];

function BreakdownCards({
  measure,
  byCategory,
  byBand,
}: {
  measure: Measure;
  byCategory: Breakdown;
  byBand: Breakdown;
}) {
  const fmt = measure === 'revenue' ? fmtMoney : fmtNumber;
  return (
    <div className="grid-2">
      <Card title="By category">
        <ChartState query={byCategory} isEmpty={(d) => d.length === 0} emptyTitle={NO_PURCHASES}>
          {(rows) => (
            <BarChart
              title={`${titleCase(measure)} by category`}
              series={titleCase(measure)}
              format={fmt}
              data={[...rows]
                .sort((a, b) => b[measure] - a[measure])
                .slice(0, 10)
                .map((r) => ({ label: r.key, value: r[measure] }))}
            />
          )}
        </ChartState>
      </Card>
      <Card title="By price band">
        <ChartState query={byBand} isEmpty={(d) => d.length === 0} emptyTitle={NO_PURCHASES}>
          {(rows) => (
            <BarChart
              title={`${titleCase(measure)} by price band`}
              series={titleCase(measure)}
              format={fmt}
              color="var(--partner)"
              data={rows.map((r) => ({ label: `€${r.key}`, value: r[measure] }))}
            />
          )}
        </ChartState>
      </Card>
    </div>
  );
}

function OverTime({ measure, period, byPeriod }: { measure: Measure; period: Period; byPeriod: Breakdown }) {
  return (
    <ChartState query={byPeriod} isEmpty={(d) => d.length === 0} emptyTitle={NO_PURCHASES}>
      {(rows) => (
        <ColumnChart
          title={`${titleCase(measure)} per ${period}`}
          format={(n) => (measure === 'revenue' ? `€${Math.round(n / 1000)}k` : fmtNumber(n))}
          series={titleCase(measure)}
          data={rows.slice(-16).map((r) => {
            const label = periodLabel(period, r.key);
            return { label: label.short, tooltip: label.long, value: r[measure] };
          })}
        />
      )}
    </ChartState>
  );
}

function RfmCards({ rfm }: { rfm: Rfm }) {
  return (
    <div className="grid-2">
      <Card
        title="RFM: recency × frequency"
        hint="Customers per quintile cell (scored against all customers); 5 = most recent / most frequent."
      >
        <ChartState query={rfm} isEmpty={(d) => d.customers === 0} emptyTitle={NO_PURCHASES}>
          {(d) => (
            <HeatGrid
              title="RFM grid"
              rows={['5', '4', '3', '2', '1']}
              cols={['1', '2', '3', '4', '5']}
              rowLabel="Recency ↑"
              colLabel="Frequency"
              value={(r, f) =>
                d.cells.find((c) => String(c.recency) === r && String(c.frequency) === f)?.customers ?? 0
              }
            />
          )}
        </ChartState>
      </Card>
      <Card title="RFM classes">
        <ChartState query={rfm} isEmpty={(d) => d.customers === 0} emptyTitle={NO_PURCHASES}>
          {(d) => (
            <BarChart
              title="Customers per RFM class"
              series="Customers"
              data={d.classes.map((c) => ({ label: titleCase(c.name), value: c.customers }))}
            />
          )}
        </ChartState>
      </Card>
    </div>
  );
}
