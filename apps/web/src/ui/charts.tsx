// Small SVG charts (bars, columns, heat grid) with axes, a tooltip on every mark and a legend; a null value means
// "suppressed below the privacy threshold". The Venn diagram lives in ./venn.tsx, the geometry in ./chart-geometry.ts.
import type { ReactNode } from 'react';
import { niceTicks } from './chart-geometry.ts';
import { fmtNumber } from './layout.tsx';

export interface Datum {
  label: string;
  /** Shown instead of the number (e.g. a partner's size band, which is all we may know). */
  text?: string;
  /** null: withheld by the collaboration's kMin — drawn hatched and labelled "below threshold". */
  value: number | null;
  color?: string;
  /** The full name of the mark in its tooltip, when the axis label is shortened (e.g. "Week 35, 2026"). */
  tooltip?: string;
}

export const BELOW = 'below threshold';

function Hatch({ id }: { id: string }) {
  return (
    <defs>
      <pattern id={id} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
        <rect width="6" height="6" fill="#f1f3f5" />
        <line x1="0" y1="0" x2="0" y2="6" stroke="#6b7885" strokeWidth="2" />
      </pattern>
    </defs>
  );
}

export interface LegendItem {
  label: string;
  color: string;
}

/** The chart and its legend; the legend is text, so it is read out after the picture's name. */
export function ChartFrame({ legend, children }: { legend: LegendItem[]; children: ReactNode }) {
  return (
    <figure className="chart-frame">
      {children}
      <figcaption>
        <ul className="legend" aria-label="Legend">
          {legend.map((l) => (
            <li key={l.label}>
              <i style={{ background: l.color }} aria-hidden="true" />
              {l.label}
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}

const tip = (d: Datum, format: (n: number) => string) =>
  `${d.tooltip ?? d.label}: ${d.text ?? (d.value === null ? BELOW : format(d.value))}`;

const HATCH_SWATCH = 'repeating-linear-gradient(45deg, #f1f3f5 0 3px, #6b7885 3px 5px)';

/** One entry for the chart's own colour, one per distinct colour a datum brings, and the hatch when used. */
function legendOf(data: Datum[], series: string, color: string): LegendItem[] {
  const items: LegendItem[] = [];
  if (data.some((d) => !d.color && d.value !== null)) items.push({ label: series, color });
  for (const d of data)
    if (d.color && !items.some((i) => i.color === d.color)) items.push({ label: d.label, color: d.color });
  if (data.some((d) => d.value === null)) items.push({ label: BELOW, color: HATCH_SWATCH });
  return items;
}

export function BarChart({
  data,
  title,
  format = fmtNumber,
  color = 'var(--brand)',
  series,
}: {
  data: Datum[];
  title: string;
  format?: (n: number) => string;
  color?: string;
  /** The legend's name for the bars (default: the title). */
  series?: string;
}) {
  const labelW = 140;
  const width = 460;
  const row = 28;
  const axis = 22;
  const height = data.length * row + 4 + axis;
  const ticks = niceTicks(Math.max(1, ...data.map((d) => d.value ?? 0)), 3);
  const max = ticks.at(-1)!;
  const barMax = width - labelW - 100;
  const bottom = data.length * row + 4;
  return (
    <ChartFrame legend={legendOf(data, series ?? title, color)}>
      <svg className="chart" viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-label={title}>
        <title>{title}</title>
        <Hatch id="hatch-bar" />
        <g className="axis">
          {ticks.map((t) => (
            <g key={t}>
              <line
                x1={labelW + (t / max) * barMax}
                x2={labelW + (t / max) * barMax}
                y1={0}
                y2={bottom}
                stroke="#eef1f3"
              />
              <text x={labelW + (t / max) * barMax} y={bottom + 15} textAnchor="middle">
                {format(t)}
              </text>
            </g>
          ))}
          <line x1={labelW} x2={labelW} y1={0} y2={bottom} stroke="#b8c2cb" />
        </g>
        {data.map((d, i) => {
          const y = i * row + 4;
          const w = d.value === null ? barMax * 0.25 : Math.max(2, (d.value / max) * barMax);
          return (
            <g key={d.label}>
              <title>{tip(d, format)}</title>
              <text x={labelW - 10} y={y + 15} textAnchor="end">
                {d.label.length > 22 ? `${d.label.slice(0, 21)}…` : d.label}
              </text>
              <rect
                x={labelW}
                y={y + 3}
                width={w}
                height={row - 12}
                rx={4}
                fill={d.value === null ? 'url(#hatch-bar)' : (d.color ?? color)}
              />
              <text x={labelW + w + 8} y={y + 15} className={d.value === null ? '' : 'val'}>
                {d.text ?? (d.value === null ? BELOW : format(d.value))}
              </text>
            </g>
          );
        })}
      </svg>
    </ChartFrame>
  );
}

export function ColumnChart({
  data,
  title,
  format = fmtNumber,
  color = 'var(--brand)',
  series,
}: {
  data: Datum[];
  title: string;
  format?: (n: number) => string;
  color?: string;
  series?: string;
}) {
  // Wide and short: this chart usually spans a full-width card.
  const width = 1000;
  const height = 240;
  const pad = { top: 24, bottom: 26, left: 64, right: 8 };
  const ticks = niceTicks(Math.max(1, ...data.map((d) => d.value ?? 0)), 4);
  const max = ticks.at(-1)!;
  const slot = (width - pad.left - pad.right) / Math.max(1, data.length);
  const bw = Math.min(56, slot * 0.6);
  const ih = height - pad.top - pad.bottom;
  const yOf = (v: number) => height - pad.bottom - (v / max) * ih;
  return (
    <ChartFrame legend={legendOf(data, series ?? title, color)}>
      <svg className="chart" viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-label={title}>
        <title>{title}</title>
        <g className="axis">
          {ticks.map((t) => (
            <g key={t}>
              <line x1={pad.left} x2={width - pad.right} y1={yOf(t)} y2={yOf(t)} stroke="#eef1f3" />
              <text x={pad.left - 8} y={yOf(t) + 4} textAnchor="end">
                {format(t)}
              </text>
            </g>
          ))}
          <line x1={pad.left} x2={width - pad.right} y1={yOf(0)} y2={yOf(0)} stroke="#b8c2cb" />
        </g>
        {data.map((d, i) => {
          const h = ((d.value ?? 0) / max) * ih;
          const x = pad.left + i * slot + (slot - bw) / 2;
          const y = height - pad.bottom - h;
          return (
            <g key={d.label}>
              <title>{tip(d, format)}</title>
              <rect x={x} y={y} width={bw} height={Math.max(1, h)} rx={4} fill={d.color ?? color} />
              {data.length <= 16 ? (
                <text x={x + bw / 2} y={y - 6} textAnchor="middle" className="val">
                  {d.value === null ? '—' : format(d.value)}
                </text>
              ) : null}
              <text x={x + bw / 2} y={height - 8} textAnchor="middle">
                {d.label}
              </text>
            </g>
          );
        })}
      </svg>
    </ChartFrame>
  );
}

/** A heat grid, e.g. RFM recency × frequency with customer counts per cell. */
export function HeatGrid({
  rows,
  cols,
  value,
  title,
  rowLabel,
  colLabel,
}: {
  rows: string[];
  cols: string[];
  value: (row: string, col: string) => number;
  title: string;
  rowLabel: string;
  colLabel: string;
}) {
  const cell = 52;
  const left = 70;
  const top = 10;
  const width = left + cols.length * cell + 10;
  const height = top + rows.length * cell + 44;
  const max = Math.max(1, ...rows.flatMap((r) => cols.map((c) => value(r, c))));
  const shade = (t: number) => `rgb(13 92 99 / ${(0.06 + t * 0.84).toFixed(2)})`;
  const rowName = rowLabel.replace(/[^\p{L}\s]/gu, '').trim();
  return (
    <ChartFrame
      legend={[
        { label: `fewest (0)`, color: shade(0) },
        { label: `most (${fmtNumber(max)})`, color: shade(1) },
      ]}
    >
      <svg className="chart" viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-label={title}>
        <title>{title}</title>
        {rows.map((r, i) =>
          cols.map((c, j) => {
            const v = value(r, c);
            const t = v / max;
            return (
              <g key={`${r}-${c}`}>
                <title>{`${rowName} ${r}, ${colLabel.toLowerCase()} ${c}: ${fmtNumber(v)}`}</title>
                <rect
                  x={left + j * cell + 2}
                  y={top + i * cell + 2}
                  width={cell - 4}
                  height={cell - 4}
                  rx={6}
                  fill={shade(t)}
                />
                <text
                  x={left + j * cell + cell / 2}
                  y={top + i * cell + cell / 2 + 4}
                  textAnchor="middle"
                  style={{ fill: t > 0.5 ? '#fff' : 'var(--ink)', fontWeight: 600 }}
                >
                  {fmtNumber(v)}
                </text>
              </g>
            );
          }),
        )}
        {rows.map((r, i) => (
          <text key={r} x={left - 8} y={top + i * cell + cell / 2 + 4} textAnchor="end">
            {r}
          </text>
        ))}
        {cols.map((c, j) => (
          <text key={c} x={left + j * cell + cell / 2} y={top + rows.length * cell + 16} textAnchor="middle">
            {c}
          </text>
        ))}
        <text x={left + (cols.length * cell) / 2} y={height - 4} textAnchor="middle">
          {colLabel} →
        </text>
        <text x={12} y={top + 12} textAnchor="start" style={{ fontSize: 11 }}>
          {rowLabel}
        </text>
      </svg>
    </ChartFrame>
  );
}
