// Small SVG charts (bars, columns, Venn, heat grid); a null value means "suppressed below the privacy threshold".
import { fmtNumber } from './layout.tsx';

export interface Datum {
  label: string;
  /** Shown instead of the number (e.g. a partner's size band, which is all we may know). */
  text?: string;
  /** null: withheld by the collaboration's kMin — drawn hatched and labelled "below threshold". */
  value: number | null;
  color?: string;
}

const BELOW = 'below threshold';

function Hatch({ id }: { id: string }) {
  return (
    <defs>
      <pattern id={id} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
        <rect width="6" height="6" fill="#f1f3f5" />
        <line x1="0" y1="0" x2="0" y2="6" stroke="#c9d1d8" strokeWidth="2" />
      </pattern>
    </defs>
  );
}

export function BarChart({
  data,
  title,
  format = fmtNumber,
  color = 'var(--brand)',
}: {
  data: Datum[];
  title: string;
  format?: (n: number) => string;
  color?: string;
}) {
  const labelW = 140;
  const width = 460;
  const row = 28;
  const height = data.length * row + 4;
  const max = Math.max(1, ...data.map((d) => d.value ?? 0));
  const barMax = width - labelW - 100;
  return (
    <svg className="chart" viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-label={title}>
      <title>{title}</title>
      <Hatch id="hatch-bar" />
      {data.map((d, i) => {
        const y = i * row + 4;
        const w = d.value === null ? barMax * 0.25 : Math.max(2, (d.value / max) * barMax);
        return (
          <g key={d.label}>
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
              {d.value === null ? BELOW : format(d.value)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

export function ColumnChart({
  data,
  title,
  format = fmtNumber,
  color = 'var(--brand)',
}: {
  data: Datum[];
  title: string;
  format?: (n: number) => string;
  color?: string;
}) {
  // Wide and short: this chart usually spans a full-width card.
  const width = 1000;
  const height = 230;
  const pad = { top: 24, bottom: 26, left: 8, right: 8 };
  const max = Math.max(1, ...data.map((d) => d.value ?? 0));
  const slot = (width - pad.left - pad.right) / Math.max(1, data.length);
  const bw = Math.min(56, slot * 0.6);
  const ih = height - pad.top - pad.bottom;
  return (
    <svg className="chart" viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-label={title}>
      <title>{title}</title>
      <line
        x1={pad.left}
        x2={width - pad.right}
        y1={height - pad.bottom}
        y2={height - pad.bottom}
        stroke="#dfe4e8"
      />
      {data.map((d, i) => {
        const h = ((d.value ?? 0) / max) * ih;
        const x = pad.left + i * slot + (slot - bw) / 2;
        const y = height - pad.bottom - h;
        return (
          <g key={d.label}>
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
  );
}

/**
 * Two-set overlap: our segment, the partner's, and the matched people between them.
 * Circle areas follow the counts when known; suppressed counts are shown as text, never guessed.
 */
export function Venn({
  left,
  right,
  overlap,
  title,
}: {
  left: Datum;
  right: Datum;
  overlap: number | null;
  title: string;
}) {
  const width = 440;
  const height = 230;
  const maxR = 78;
  const big = Math.max(1, left.value ?? 0, right.value ?? 0);
  const r = (v: number | null) => (v === null ? maxR * 0.75 : Math.max(44, Math.sqrt(v / big) * maxR));
  const rl = r(left.value);
  const rr = r(right.value);
  // Centre distance: more overlap pulls the circles together (clamped so the lens always shows).
  const smaller = Math.max(1, Math.min(left.value ?? big, right.value ?? big));
  const share = overlap === null ? 0.25 : Math.min(0.85, overlap / smaller);
  const dist = (rl + rr) * (1 - share * 0.55) - 8;
  const cx = width / 2;
  const cy = 100;
  const xl = cx - dist / 2;
  const xr = cx + dist / 2;
  const short = (s: string) => (s.length > 24 ? `${s.slice(0, 23)}…` : s);
  const lens = (xl + rl + (xr - rr)) / 2;
  return (
    <svg className="chart" viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-label={title}>
      <title>{title}</title>
      <circle cx={xl} cy={cy} r={rl} fill="rgb(13 92 99 / 16%)" stroke="var(--brand)" strokeWidth="1.5" />
      <circle cx={xr} cy={cy} r={rr} fill="rgb(106 76 194 / 14%)" stroke="var(--partner)" strokeWidth="1.5" />
      <text x={(xl - rl + (xr - rr)) / 2} y={cy + 5} textAnchor="middle" className="val">
        {left.text ?? (left.value === null ? BELOW : fmtNumber(left.value))}
      </text>
      <text x={(xl + rl + (xr + rr)) / 2} y={cy + 5} textAnchor="middle" className="val">
        {right.text ?? (right.value === null ? BELOW : fmtNumber(right.value))}
      </text>
      <text
        x={lens}
        y={cy + 6}
        textAnchor="middle"
        className="val"
        style={{ fontSize: overlap === null ? 11 : 20 }}
        data-testid="venn-overlap"
      >
        {overlap === null ? BELOW : fmtNumber(overlap)}
      </text>
      {/* Labels grow outwards from the centre line, so two long names never run into each other. */}
      <text
        x={cx - 8}
        y={cy + Math.max(rl, rr) + 20}
        textAnchor="end"
        style={{ fill: 'var(--brand)', fontWeight: 600 }}
      >
        {short(left.label)}
      </text>
      <text
        x={cx + 8}
        y={cy + Math.max(rl, rr) + 20}
        textAnchor="start"
        style={{ fill: 'var(--partner)', fontWeight: 600 }}
      >
        {short(right.label)}
      </text>
      <text x={cx} y={height - 4} textAnchor="middle" style={{ fontSize: 11 }}>
        overlap: matched on any email or phone, counted once
      </text>
    </svg>
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
  return (
    <svg className="chart" viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-label={title}>
      <title>{title}</title>
      {rows.map((r, i) =>
        cols.map((c, j) => {
          const v = value(r, c);
          const t = v / max;
          return (
            <g key={`${r}-${c}`}>
              <rect
                x={left + j * cell + 2}
                y={top + i * cell + 2}
                width={cell - 4}
                height={cell - 4}
                rx={6}
                fill={`rgb(13 92 99 / ${(0.06 + t * 0.84).toFixed(2)})`}
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
  );
}
