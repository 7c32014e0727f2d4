// Two-set overlap: our segment, the partner's, and the matched people between them. Circle areas and the lens are
// proportional to the counts when all three are known (./chart-geometry.ts); suppressed counts are shown as text,
// never guessed, and the picture then says it is not to scale. Labels are placed so they never collide.

import { vennLabels, vennLayout } from './chart-geometry.ts';
import { BELOW, ChartFrame, type Datum } from './charts.tsx';
import { fmtNumber } from './layout.tsx';

const LEFT = { fill: 'rgb(13 92 99 / 16%)', stroke: 'var(--brand)' };
const RIGHT = { fill: 'rgb(106 76 194 / 14%)', stroke: 'var(--partner)' };

const countOf = (d: Datum) => d.text ?? (d.value === null ? BELOW : fmtNumber(d.value));

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
  const height = 250;
  const maxR = 78;
  const layout = vennLayout(left.value, right.value, overlap, maxR);
  const centre = { x: width / 2, y: 110 };
  const xl = centre.x - layout.d / 2;
  const xr = centre.x + layout.d / 2;
  const overlapText = overlap === null ? BELOW : fmtNumber(overlap);
  const below = centre.y + Math.max(layout.r1, layout.r2) + 22;
  const labels = vennLabels(
    layout,
    centre,
    { left: countOf(left), right: countOf(right), overlap: overlapText },
    below,
  );
  const short = (s: string) => (s.length > 28 ? `${s.slice(0, 27)}…` : s);
  return (
    <ChartFrame
      legend={[
        { label: short(left.label), color: LEFT.stroke },
        { label: short(right.label), color: RIGHT.stroke },
        {
          label: `overlap: matched on any email or phone, counted once${layout.proportional ? '' : ' (not to scale)'}`,
          color: 'rgb(60 74 140 / 30%)',
        },
      ]}
    >
      <svg className="chart" viewBox={`0 0 ${width} ${height}`} width="100%" role="img" aria-label={title}>
        <title>{title}</title>
        <circle cx={xl} cy={centre.y} r={layout.r1} fill={LEFT.fill} stroke={LEFT.stroke} strokeWidth="1.5">
          <title>{`${left.label}: ${countOf(left)}`}</title>
        </circle>
        <circle cx={xr} cy={centre.y} r={layout.r2} fill={RIGHT.fill} stroke={RIGHT.stroke} strokeWidth="1.5">
          <title>{`${right.label}: ${countOf(right)}`}</title>
        </circle>
        {labels.map((l, i) => (
          <g key={['left', 'right', 'overlap'][i]}>
            {l.leader ? (
              <line x1={l.leader.x} y1={l.leader.y} x2={l.x} y2={l.y - l.size} stroke="#8795a1" />
            ) : null}
            <text
              x={l.x}
              y={l.y}
              textAnchor={l.anchor}
              className="val"
              style={{ fontSize: l.size }}
              {...(i === 2 ? { 'data-testid': 'venn-overlap' } : {})}
            >
              {l.text}
            </text>
          </g>
        ))}
      </svg>
    </ChartFrame>
  );
}
