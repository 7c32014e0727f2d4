// Sorting, text filtering and numbered pages for tables whose rows the node answers in one piece (segments,
// campaigns, recent imports), with the same URL state as the server-paged tables (ui/url-state.ts).
import { PAGE_SIZES } from './pager.tsx';
import type { SortDir, TableSort } from './table.tsx';
import { intParam, type TableUrl, useTableUrl } from './url-state.ts';

type Key = string | number | null | undefined;

export interface ClientTableOptions<T> {
  /** Sort key → the value rows are compared by (nulls last). */
  sorts: Record<string, (row: T) => Key>;
  defaultSort: string;
  defaultDir?: SortDir;
  /** The text the `q` parameter is matched against (case-insensitive); no search without it. */
  text?: (row: T) => string;
  /** Extra URL filters (`f.<name>`) → whether a row passes. */
  filters?: Record<string, (row: T, value: string) => boolean>;
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

function compare(a: Key, b: Key): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return 1;
  if (b === null || b === undefined) return -1;
  return typeof a === 'number' && typeof b === 'number' ? a - b : collator.compare(String(a), String(b));
}

export interface ClientTable<T> {
  url: TableUrl;
  rows: T[];
  sort: TableSort;
  pager: {
    page: number;
    pageSize: number;
    total: number;
    onPage: (p: number) => void;
    onPageSize: (s: number) => void;
  };
}

export function useClientTable<T>(all: readonly T[], opts: ClientTableOptions<T>): ClientTable<T> {
  const url = useTableUrl();
  const sortParam = url.get('sort');
  const column = sortParam && sortParam in opts.sorts ? sortParam : opts.defaultSort;
  const dirParam = url.get('dir');
  const dir: SortDir = dirParam === 'asc' || dirParam === 'desc' ? dirParam : (opts.defaultDir ?? 'asc');
  const size = intParam(url.get('size'), 25);
  const pageSize = (PAGE_SIZES as readonly number[]).includes(size) ? size : 25;
  const q = url.get('q')?.toLowerCase();
  let rows = all.filter((r) => !q || !opts.text || opts.text(r).toLowerCase().includes(q));
  for (const [name, pass] of Object.entries(opts.filters ?? {})) {
    const value = url.get(`f.${name}`);
    if (value) rows = rows.filter((r) => pass(r, value));
  }
  const key = opts.sorts[column]!;
  rows = [...rows].sort((a, b) => {
    const c = compare(key(a), key(b));
    // Nulls stay last in both directions.
    if (key(a) === null || key(a) === undefined || key(b) === null || key(b) === undefined) return c;
    return dir === 'asc' ? c : -c;
  });
  const total = rows.length;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const page = Math.min(intParam(url.get('page'), 1), pages);
  return {
    url,
    rows: rows.slice((page - 1) * pageSize, page * pageSize),
    sort: { column, dir, onSort: (s, d) => url.set({ sort: s, dir: d }) },
    pager: {
      page,
      pageSize,
      total,
      onPage: (p) => url.set({ page: String(p) }),
      onPageSize: (s) => url.set({ size: String(s) }),
    },
  };
}
