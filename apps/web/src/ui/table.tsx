// A plain data table: header cells, right-aligned numbers, an accessible caption, an empty state.
import type { ReactNode } from 'react';
import { Empty } from './states.tsx';

export interface Column<T> {
  key: string;
  header: ReactNode;
  cell: (row: T) => ReactNode;
  align?: 'right';
}

export function Table<T>({
  rows,
  columns,
  rowKey,
  caption,
  empty,
  testId,
}: {
  rows: readonly T[];
  columns: Column<T>[];
  rowKey: (row: T) => string;
  caption: string;
  empty?: ReactNode;
  testId?: string;
}) {
  if (rows.length === 0) return <>{empty ?? <Empty title="Nothing to show" />}</>;
  return (
    <div className="table-wrap">
      <table className="table" data-testid={testId}>
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.key} scope="col" className={c.align === 'right' ? 'r' : undefined}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)}>
              {columns.map((c) => (
                <td key={c.key} className={c.align === 'right' ? 'r num' : undefined}>
                  {c.cell(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
