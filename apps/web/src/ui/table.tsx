// A data table: header cells, right-aligned numbers, an accessible caption, an empty state; optionally sortable
// column headers (aria-sort, a button per header) and a checkbox per row for bulk actions.
import type { ReactNode } from 'react';
import { Empty } from './states.tsx';

export interface Column<T> {
  key: string;
  header: ReactNode;
  cell: (row: T) => ReactNode;
  align?: 'right';
  /** The sort key this column sorts by (a whitelisted server column, or a client-side key). */
  sort?: string;
}

export type SortDir = 'asc' | 'desc';

export interface TableSort {
  column: string;
  dir: SortDir;
  /** Clicking the sorted column flips the direction; another column sorts ascending. */
  onSort: (column: string, dir: SortDir) => void;
}

export interface TableSelection {
  selected: ReadonlySet<string>;
  onChange: (next: Set<string>) => void;
}

function SortHeader({ label, column, sort }: { label: ReactNode; column: string; sort: TableSort }) {
  const active = sort.column === column;
  const next: SortDir = active && sort.dir === 'asc' ? 'desc' : 'asc';
  return (
    <button
      type="button"
      className={`th-sort${active ? ' active' : ''}`}
      onClick={() => sort.onSort(column, next)}
      data-testid={`sort-${column}`}
    >
      {label}
      <span aria-hidden="true" className="th-sort-mark">
        {active ? (sort.dir === 'asc' ? '▲' : '▼') : '↕'}
      </span>
    </button>
  );
}

function ariaSort(sort: TableSort | undefined, column: string | undefined) {
  if (!sort || !column || sort.column !== column) return undefined;
  return sort.dir === 'asc' ? 'ascending' : 'descending';
}

function HeaderRow<T>({
  columns,
  sort,
  selectAll,
}: {
  columns: Column<T>[];
  sort: TableSort | undefined;
  selectAll: { checked: boolean; toggle: () => void } | null;
}) {
  return (
    <tr>
      {selectAll ? (
        <th scope="col" className="th-check">
          <input
            type="checkbox"
            aria-label="Select all rows on this page"
            checked={selectAll.checked}
            onChange={selectAll.toggle}
          />
        </th>
      ) : null}
      {columns.map((c) => (
        <th
          key={c.key}
          scope="col"
          className={c.align === 'right' ? 'r' : undefined}
          aria-sort={ariaSort(sort, c.sort)}
        >
          {sort && c.sort ? <SortHeader label={c.header} column={c.sort} sort={sort} /> : c.header}
        </th>
      ))}
    </tr>
  );
}

export function Table<T>({
  rows,
  columns,
  rowKey,
  caption,
  empty,
  testId,
  sort,
  selection,
  rowLabel,
}: {
  rows: readonly T[];
  columns: Column<T>[];
  rowKey: (row: T) => string;
  caption: string;
  empty?: ReactNode;
  testId?: string;
  sort?: TableSort;
  selection?: TableSelection;
  /** How a row is named to screen readers (checkbox labels). */
  rowLabel?: (row: T) => string;
}) {
  if (rows.length === 0) return <>{empty ?? <Empty title="Nothing to show" />}</>;
  const keys = rows.map(rowKey);
  const allSelected = selection ? keys.every((k) => selection.selected.has(k)) : false;
  const toggle = (k: string) => {
    if (!selection) return;
    const next = new Set(selection.selected);
    if (next.has(k)) next.delete(k);
    else next.add(k);
    selection.onChange(next);
  };
  const selectAll = selection
    ? { checked: allSelected, toggle: () => selection.onChange(allSelected ? new Set() : new Set(keys)) }
    : null;
  return (
    <div className="table-wrap">
      <table className="table" data-testid={testId}>
        <caption className="sr-only">{caption}</caption>
        <thead>
          <HeaderRow columns={columns} sort={sort} selectAll={selectAll} />
        </thead>
        <tbody>
          {rows.map((row, i) => {
            const k = keys[i]!;
            return (
              <tr key={k} className={selection?.selected.has(k) ? 'selected' : undefined}>
                {selection ? (
                  <td className="th-check">
                    <input
                      type="checkbox"
                      aria-label={`Select ${rowLabel ? rowLabel(row) : k}`}
                      checked={selection.selected.has(k)}
                      onChange={() => toggle(k)}
                    />
                  </td>
                ) : null}
                {columns.map((c) => (
                  <td key={c.key} className={c.align === 'right' ? 'r num' : undefined}>
                    {c.cell(row)}
                  </td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
