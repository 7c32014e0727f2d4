// The live preview beside the segment builder: how many customers match now and a few of them by name.
import type { UseQueryResult } from '@tanstack/react-query';
import { Link } from '../../router.tsx';
import type { RouterOutputs } from '../../trpc.ts';
import { fmtNumber } from '../../ui/layout.tsx';
import { ErrorNote, Spinner } from '../../ui/states.tsx';

type Preview = RouterOutputs['segments']['preview'];

export function SegmentPreview({
  empty,
  preview,
}: {
  empty: boolean;
  preview: UseQueryResult<Preview, unknown>;
}) {
  const sample = preview.isError ? null : preview.data?.sample;
  return (
    <section className="card stat" aria-labelledby="preview-title">
      <h2 className="stat-label" id="preview-title">
        Customers matching now
      </h2>
      <div className="live-count" aria-live="polite">
        <span className="stat-value" data-testid="live-count">
          {empty ? '—' : preview.data && !preview.isError ? fmtNumber(preview.data.count) : '…'}
        </span>
        {preview.isFetching ? <Spinner /> : null}
      </div>
      <div className="stat-foot">
        {empty
          ? 'Add a condition to count.'
          : preview.isError
            ? 'Fix the highlighted fields to count.'
            : 'Live count on this node.'}
      </div>
      {preview.isError ? <ErrorNote error={preview.error} /> : null}
      {sample && sample.length > 0 ? (
        <div className="stack-sm" data-testid="preview-sample">
          <h3 className="small muted">For example</h3>
          <ul className="plain-list">
            {sample.map((m) => (
              <li key={m.customerId}>
                <Link to={`/customers/${m.customerId}`}>
                  {[m.firstName, m.lastName].filter(Boolean).join(' ') || m.externalId}
                </Link>
                <span className="small muted">
                  {' '}
                  {m.externalId}
                  {m.city ? ` · ${m.city}` : ''}
                </span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
