// Analytics: purchases by category, price band and period; RFM grid and classes; optionally for one segment.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { titleCase } from '../../labels.ts';
import { useTRPC } from '../../trpc.ts';
import { periodLabel } from '../../ui/chart-geometry.ts';
import { BarChart, ColumnChart, HeatGrid } from '../../ui/charts.tsx';
import { Field } from '../../ui/form.tsx';
import { Card, fmtMoney, fmtNumber, Page, Stat } from '../../ui/layout.tsx';
import { Empty, QueryState } from '../../ui/states.tsx';

const PERIODS = ['week', 'month', 'quarter', 'year'] as const;
type Period = (typeof PERIODS)[number];
type Measure = 'revenue' | 'purchases' | 'customers';

export function AnalyticsScreen() {
  const trpc = useTRPC();
  const [segmentId, setSegmentId] = useState('');
  const [period, setPeriod] = useState<Period>('month');
  const [measure, setMeasure] = useState<Measure>('revenue');
  const segments = useQuery(trpc.segments.list.queryOptions());
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
  const fmt = measure === 'revenue' ? fmtMoney : fmtNumber;
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
          <Field label="Scope" id="an-scope">
            <select
              id="an-scope"
              className="select"
              value={segmentId}
              onChange={(e) => setSegmentId(e.target.value)}
            >
              <option value="">All customers</option>
              {(segments.data ?? []).map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Measure" id="an-measure">
            <select
              id="an-measure"
              className="select"
              value={measure}
              onChange={(e) => setMeasure(e.target.value as Measure)}
            >
              <option value="revenue">Revenue</option>
              <option value="purchases">Purchases</option>
              <option value="customers">Customers</option>
            </select>
          </Field>
        </div>
      }
    >
      <div className="grid-3">
        <Stat label="Revenue" value={fmtMoney(total.revenue)} />
        <Stat label="Purchases" value={fmtNumber(total.purchases)} />
        <Stat label="Customers with purchases (RFM)" value={rfm.data ? fmtNumber(rfm.data.customers) : '—'} />
      </div>
      <div className="grid-2">
        <Card title="By category">
          <QueryState
            query={byCategory}
            isEmpty={(d) => d.length === 0}
            empty={<Empty icon="chart" title="No purchases yet" />}
          >
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
          </QueryState>
        </Card>
        <Card title="By price band">
          <QueryState
            query={byBand}
            isEmpty={(d) => d.length === 0}
            empty={<Empty icon="chart" title="No purchases yet" />}
          >
            {(rows) => (
              <BarChart
                title={`${titleCase(measure)} by price band`}
                series={titleCase(measure)}
                format={fmt}
                color="var(--partner)"
                data={rows.map((r) => ({ label: `€${r.key}`, value: r[measure] }))}
              />
            )}
          </QueryState>
        </Card>
      </div>
      <Card
        title="Over time"
        actions={
          <div className="tabs" role="tablist" aria-label="Period" style={{ margin: 0 }}>
            {PERIODS.map((p) => (
              <button
                key={p}
                type="button"
                role="tab"
                className="tab"
                aria-selected={period === p}
                onClick={() => setPeriod(p)}
              >
                {titleCase(p)}
              </button>
            ))}
          </div>
        }
      >
        <QueryState
          query={byPeriod}
          isEmpty={(d) => d.length === 0}
          empty={<Empty icon="chart" title="No purchases yet" />}
        >
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
        </QueryState>
      </Card>
      <div className="grid-2">
        <Card
          title="RFM: recency × frequency"
          hint="Customers per quintile cell (scored against all customers); 5 = most recent / most frequent."
        >
          <QueryState
            query={rfm}
            isEmpty={(d) => d.customers === 0}
            empty={<Empty icon="chart" title="No purchases yet" />}
          >
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
          </QueryState>
        </Card>
        <Card title="RFM classes">
          <QueryState
            query={rfm}
            isEmpty={(d) => d.customers === 0}
            empty={<Empty icon="chart" title="No purchases yet" />}
          >
            {(d) => (
              <BarChart
                title="Customers per RFM class"
                series="Customers"
                data={d.classes.map((c) => ({ label: titleCase(c.name), value: c.customers }))}
              />
            )}
          </QueryState>
        </Card>
      </div>
    </Page>
  );
}
