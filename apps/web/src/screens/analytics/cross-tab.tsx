// Demographics × purchases: a cross-tab heat map of any two dimensions under the node's k, and a cell's trend.
import { DIMENSIONS, type Dimension } from '@concord/node/contract';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { titleCase } from '../../labels.ts';
import { useTRPC } from '../../trpc.ts';
import { periodLabel } from '../../ui/chart-geometry.ts';
import { ColumnChart } from '../../ui/charts.tsx';
import { PickField } from '../../ui/form.tsx';
import { type HeatCell, HeatTable } from '../../ui/heat-table.tsx';
import { Badge, Card, fmtMoney, fmtNumber, Page } from '../../ui/layout.tsx';
import { ChartState } from '../../ui/states.tsx';
import { SegmentScope } from '../shared/segment-scope.tsx';

const MEASURES = ['revenue', 'purchases', 'customers', 'averageBasket'] as const;
type Measure = (typeof MEASURES)[number];

const DIMENSION_OPTIONS = DIMENSIONS.map((d) => [d, titleCase(d.replace('_', ' '))] as const);
const MEASURE_OPTIONS = MEASURES.map(
  (m) => [m, m === 'averageBasket' ? 'Average basket' : titleCase(m)] as const,
);
type Scope = { segmentId?: string };

export function CrossTabScreen() {
  const trpc = useTRPC();
  const [rows, setRows] = useState<Dimension>('income_band');
  const [cols, setCols] = useState<Dimension>('category');
  const [measure, setMeasure] = useState<Measure>('revenue');
  const [segmentId, setSegmentId] = useState('');
  const [selected, setSelected] = useState<HeatCell | null>(null);
  const scope: Scope = segmentId ? { segmentId } : {};
  const tab = useQuery(trpc.analytics.crossTab.queryOptions({ rows, cols, ...scope }));
  const fmt = formatOf(measure);
  return (
    <Page
      title="Purchases × anything"
      subtitle="Cross-tab purchases by demographics, supplier, brand, product, price and time. Cells with fewer customers than the node's minimum are suppressed."
      actions={
        <div className="row">
          <PickField
            id="ct-rows"
            label="Rows"
            value={rows}
            options={DIMENSION_OPTIONS}
            onChange={(d) => {
              setRows(d);
              setSelected(null);
            }}
          />
          <PickField
            id="ct-cols"
            label="Columns"
            value={cols}
            options={DIMENSION_OPTIONS}
            onChange={(d) => {
              setCols(d);
              setSelected(null);
            }}
          />
          <PickField
            id="ct-measure"
            label="Measure"
            value={measure}
            onChange={setMeasure}
            options={MEASURE_OPTIONS}
          />
          <SegmentScope id="ct-scope" value={segmentId} onChange={setSegmentId} />
        </div>
      }
    >
      <Card
        title={`${titleCase(rows.replace('_', ' '))} × ${titleCase(cols.replace('_', ' '))}`}
        hint={tab.data ? `Minimum ${tab.data.k} customers per cell. Click a cell for its trend.` : undefined}
        actions={tab.data?.sensitive ? <Badge tone="warn">sensitive fields: aggregates only</Badge> : null}
      >
        <ChartState query={tab} isEmpty={(d) => d.cells.length === 0} emptyTitle="No purchases yet">
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
        </ChartState>
      </Card>
      {selected ? (
        <CellTrend selected={selected} rows={rows} cols={cols} scope={scope} measure={measure} />
      ) : null}
    </Page>
  );
}

const formatOf = (measure: Measure) =>
  measure === 'revenue' || measure === 'averageBasket' ? fmtMoney : fmtNumber;

/** The month-by-month trend of the selected cell (both of its dimension values as filters). */
function CellTrend({
  selected,
  rows,
  cols,
  scope,
  measure,
}: {
  selected: HeatCell;
  rows: Dimension;
  cols: Dimension;
  scope: Scope;
  measure: Measure;
}) {
  const trpc = useTRPC();
  const trend = useQuery(
    trpc.analytics.crossTab.queryOptions({
      rows: 'period',
      filters: [
        { dimension: rows, values: [selected.row] },
        { dimension: cols, values: [selected.col] },
      ],
      ...scope,
    }),
  );
  const fmt = formatOf(measure);
  return (
    <Card title={`Trend: ${selected.row} × ${selected.col}`}>
      <ChartState query={trend} isEmpty={(d) => d.cells.length === 0} emptyTitle="No purchases">
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
      </ChartState>
    </Card>
  );
}
