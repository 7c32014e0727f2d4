// Demographics × purchases: a cross-tab heat map of any two dimensions under the node's k, and a cell's trend.
import { DIMENSIONS, type Dimension } from '@concord/node/contract';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { titleCase } from '../../labels.ts';
import { useTRPC } from '../../trpc.ts';
import { periodLabel } from '../../ui/chart-geometry.ts';
import { ColumnChart } from '../../ui/charts.tsx';
import { Field } from '../../ui/form.tsx';
import { type HeatCell, HeatTable } from '../../ui/heat-table.tsx';
import { Badge, Card, fmtMoney, fmtNumber, Page } from '../../ui/layout.tsx';
import { Empty, QueryState } from '../../ui/states.tsx';
import { SegmentScope } from '../shared/segment-scope.tsx';

const MEASURES = ['revenue', 'purchases', 'customers', 'averageBasket'] as const;
type Measure = (typeof MEASURES)[number];

function DimensionSelect({
  id,
  label,
  value,
  onChange,
}: {
  id: string;
  label: string;
  value: Dimension;
  onChange: (d: Dimension) => void;
}) {
  return (
    <Field label={label} id={id}>
      <select
        id={id}
        className="select"
        value={value}
        onChange={(e) => onChange(e.target.value as Dimension)}
      >
        {DIMENSIONS.map((d) => (
          <option key={d} value={d}>
            {titleCase(d.replace('_', ' '))}
          </option>
        ))}
      </select>
    </Field>
  );
}

export function CrossTabScreen() {
  const trpc = useTRPC();
  const [rows, setRows] = useState<Dimension>('income_band');
  const [cols, setCols] = useState<Dimension>('category');
  const [measure, setMeasure] = useState<Measure>('revenue');
  const [segmentId, setSegmentId] = useState('');
  const [selected, setSelected] = useState<HeatCell | null>(null);
  const scope = segmentId ? { segmentId } : {};
  const tab = useQuery(trpc.analytics.crossTab.queryOptions({ rows, cols, ...scope }));
  const trend = useQuery({
    ...trpc.analytics.crossTab.queryOptions({
      rows: 'period',
      filters: selected
        ? [
            { dimension: rows, values: [selected.row] },
            { dimension: cols, values: [selected.col] },
          ]
        : [],
      ...scope,
    }),
    enabled: selected !== null,
  });
  const fmt = measure === 'revenue' || measure === 'averageBasket' ? fmtMoney : fmtNumber;
  return (
    <Page
      title="Purchases × anything"
      subtitle="Cross-tab purchases by demographics, supplier, brand, product, price and time. Cells with fewer customers than the node's minimum are suppressed."
      actions={
        <div className="row">
          <DimensionSelect
            id="ct-rows"
            label="Rows"
            value={rows}
            onChange={(d) => {
              setRows(d);
              setSelected(null);
            }}
          />
          <DimensionSelect
            id="ct-cols"
            label="Columns"
            value={cols}
            onChange={(d) => {
              setCols(d);
              setSelected(null);
            }}
          />
          <Field label="Measure" id="ct-measure">
            <select
              id="ct-measure"
              className="select"
              value={measure}
              onChange={(e) => setMeasure(e.target.value as Measure)}
            >
              {MEASURES.map((m) => (
                <option key={m} value={m}>
                  {m === 'averageBasket' ? 'Average basket' : titleCase(m)}
                </option>
              ))}
            </select>
          </Field>
          <SegmentScope id="ct-scope" value={segmentId} onChange={setSegmentId} />
        </div>
      }
    >
      <Card
        title={`${titleCase(rows.replace('_', ' '))} × ${titleCase(cols.replace('_', ' '))}`}
        hint={tab.data ? `Minimum ${tab.data.k} customers per cell. Click a cell for its trend.` : undefined}
        actions={tab.data?.sensitive ? <Badge tone="warn">sensitive fields: aggregates only</Badge> : null}
      >
        <QueryState
          query={tab}
          isEmpty={(d) => d.cells.length === 0}
          empty={<Empty icon="chart" title="No purchases yet" />}
        >
          {(d) => (
            <>
              <HeatTable
                testId="cross-tab"
                label={`${measure} by ${rows} and ${cols}`}
                rows={d.rows}
                cols={d.cols}
                format={fmt}
                cells={d.cells.map((c) => ({
                  row: c.row,
                  col: c.col,
                  value: c[measure],
                  suppressed: c.suppressed?.text ?? null,
                }))}
                onSelect={setSelected}
              />
              <p className="small muted" data-testid="suppressed-count">
                {d.cells.filter((c) => c.suppressed).length} of {d.cells.length} cells suppressed
              </p>
            </>
          )}
        </QueryState>
      </Card>
      {selected ? (
        <Card title={`Trend: ${selected.row} × ${selected.col}`}>
          <QueryState
            query={trend}
            isEmpty={(d) => d.cells.length === 0}
            empty={<Empty icon="chart" title="No purchases" />}
          >
            {(d) => (
              <ColumnChart
                title={`Cell trend ${measure}`}
                format={(n) => fmt(n)}
                data={d.cells.slice(-16).map((c) => {
                  const label = periodLabel('month', c.row);
                  return { label: label.short, tooltip: label.long, value: c[measure] };
                })}
              />
            )}
          </QueryState>
        </Card>
      ) : null}
    </Page>
  );
}
