// A cross-tab heat map as an HTML table: shaded by value, suppressed cells hatched with the reason as a tooltip.
import { fmtNumber } from './layout.tsx';

export interface HeatCell {
  row: string;
  col: string;
  value: number | null;
  /** Why the cell is hidden (null when shown). */
  suppressed: string | null;
}

export function HeatTable({
  rows,
  cols,
  cells,
  format = fmtNumber,
  label,
  onSelect,
  testId,
}: {
  rows: string[];
  cols: string[];
  cells: HeatCell[];
  format?: (n: number) => string;
  label: string;
  onSelect?: (cell: HeatCell) => void;
  testId?: string;
}) {
  const byKey = new Map(cells.map((c) => [`${c.row}\u0000${c.col}`, c]));
  const max = Math.max(1, ...cells.map((c) => c.value ?? 0));
  return (
    <div style={{ overflowX: 'auto' }}>
      <table className="table heat" aria-label={label} data-testid={testId}>
        <thead>
          <tr>
            <th />
            {cols.map((c) => (
              <th key={c} scope="col">
                {c || 'all'}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r}>
              <th scope="row">{r}</th>
              {cols.map((c) => {
                const cell = byKey.get(`${r}\u0000${c}`);
                if (!cell)
                  return (
                    <td key={c} className="muted">
                      ·
                    </td>
                  );
                if (cell.suppressed)
                  return (
                    <td key={c} title={cell.suppressed} className="heat-suppressed" data-suppressed="true">
                      suppressed
                    </td>
                  );
                const t = (cell.value ?? 0) / max;
                return (
                  <td
                    key={c}
                    style={{
                      background: `rgb(13 92 99 / ${(0.06 + t * 0.84).toFixed(2)})`,
                      color: t > 0.5 ? '#fff' : undefined,
                      textAlign: 'right',
                    }}
                  >
                    {onSelect ? (
                      <button
                        type="button"
                        className="heat-cell"
                        aria-label={`${r} × ${c}: ${format(cell.value ?? 0)}, show trend`}
                        onClick={() => onSelect(cell)}
                      >
                        {format(cell.value ?? 0)}
                      </button>
                    ) : (
                      format(cell.value ?? 0)
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
