// Numbered pages for a table: "26–50 of 3,012", first/previous/next/last and a page number to jump to.
import { useEffect, useId, useState } from 'react';
import { Button } from './form.tsx';
import { fmtNumber } from './layout.tsx';

export const PAGE_SIZES = [10, 25, 50, 100] as const;

export function Pager({
  page,
  pageSize,
  total,
  onPage,
  onPageSize,
  noun = 'rows',
}: {
  page: number;
  pageSize: number;
  total: number;
  onPage: (page: number) => void;
  onPageSize?: (size: number) => void;
  noun?: string;
}) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const jumpId = useId();
  const [jump, setJump] = useState(String(page));
  useEffect(() => setJump(String(page)), [page]);
  const from = total === 0 ? 0 : (page - 1) * pageSize + 1;
  const to = Math.min(total, page * pageSize);
  const go = (p: number) => onPage(Math.min(pages, Math.max(1, p)));
  return (
    <nav className="pager" aria-label="Pages" data-testid="pager">
      <span className="small muted" data-testid="pager-range" aria-live="polite">
        {fmtNumber(from)}–{fmtNumber(to)} of {fmtNumber(total)} {noun}
      </span>
      <div className="actions">
        {onPageSize ? (
          <label className="small muted pager-size">
            Rows per page{' '}
            <select
              className="select select-sm"
              value={pageSize}
              onChange={(e) => onPageSize(Number(e.target.value))}
            >
              {PAGE_SIZES.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <Button size="sm" disabled={page <= 1} onClick={() => go(1)} aria-label="First page">
          «
        </Button>
        <Button size="sm" disabled={page <= 1} onClick={() => go(page - 1)}>
          Previous
        </Button>
        <form
          className="pager-jump small"
          onSubmit={(e) => {
            e.preventDefault();
            const n = Number(jump);
            if (Number.isInteger(n)) go(n);
          }}
        >
          <label htmlFor={jumpId}>Page</label>
          <input
            id={jumpId}
            className="input input-sm"
            inputMode="numeric"
            value={jump}
            onChange={(e) => setJump(e.target.value.replace(/\D/g, ''))}
            onBlur={() => setJump(String(page))}
            size={4}
          />
          <span className="muted">of {fmtNumber(pages)}</span>
        </form>
        <Button size="sm" disabled={page >= pages} onClick={() => go(page + 1)}>
          Next
        </Button>
        <Button size="sm" disabled={page >= pages} onClick={() => go(pages)} aria-label="Last page">
          »
        </Button>
      </div>
    </nav>
  );
}
