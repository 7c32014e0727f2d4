// Loading, empty and error states used by every screen, plus QueryState that picks the right one.
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { describeError } from '../errors.ts';
import { Icon, type IconName } from './icons.tsx';

export function Spinner({ label }: { label?: string }) {
  return (
    <span className="row" role="status">
      <span className="spinner" aria-hidden="true" />
      {label ? <span className="muted">{label}</span> : <span className="sr-only">Loading</span>}
    </span>
  );
}

export function Loading({ rows = 3, label = 'Loading' }: { rows?: number; label?: string }) {
  return (
    <div className="stack-sm" role="status" aria-busy="true" style={{ padding: 'var(--s4) 0' }}>
      <span className="sr-only">{label}</span>
      {Array.from({ length: rows }, (_, i) => (
        <span key={i} className="skeleton" style={{ width: `${90 - i * 17}%` }} />
      ))}
    </div>
  );
}

export function Empty({
  title,
  hint,
  icon = 'inbox',
  action,
}: {
  title: string;
  hint?: ReactNode;
  icon?: IconName;
  action?: ReactNode;
}) {
  return (
    <div className="state">
      <Icon name={icon} />
      <p className="state-title">{title}</p>
      {hint ? <p className="small">{hint}</p> : null}
      {action}
    </div>
  );
}

export function ErrorNote({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const info = describeError(error);
  return (
    <div className="alert danger" role="alert" data-code={info.code}>
      <Icon name="alert" />
      <div className="stack-sm" style={{ gap: 2 }}>
        <span className="alert-title">{info.title}</span>
        <span className="small">
          {info.hint}
          {info.message && info.code !== 'INTERNAL' ? <span className="muted"> — {info.message}</span> : null}
        </span>
        {onRetry ? (
          <span>
            <button type="button" className="btn btn-sm" onClick={onRetry}>
              Try again
            </button>
          </span>
        ) : null}
      </div>
    </div>
  );
}

export function Notice({
  tone = 'info',
  title,
  children,
}: {
  tone?: 'info' | 'ok' | 'warn' | 'danger';
  title?: string;
  children?: ReactNode;
}) {
  const icon: IconName = tone === 'ok' ? 'checkCircle' : tone === 'info' ? 'info' : 'alert';
  return (
    <div className={`alert ${tone}`} role={tone === 'danger' ? 'alert' : 'status'}>
      <Icon name={icon} />
      <div>
        {title ? <div className="alert-title">{title}</div> : null}
        {children ? <div className="small">{children}</div> : null}
      </div>
    </div>
  );
}

/** Renders loading → error → empty → data for one query, so no screen forgets a state. */
export function QueryState<T>({
  query,
  isEmpty,
  empty,
  rows,
  children,
}: {
  query: UseQueryResult<T, unknown>;
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  rows?: number;
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) return <Loading rows={rows} />;
  if (query.isError) return <ErrorNote error={query.error} onRetry={() => void query.refetch()} />;
  if (isEmpty?.(query.data)) return <>{empty ?? <Empty title="Nothing here yet" />}</>;
  return <>{children(query.data)}</>;
}

/** QueryState for a chart: an empty result shows `emptyTitle` under a chart icon. */
export function ChartState<T>({
  query,
  isEmpty,
  emptyTitle,
  children,
}: {
  query: UseQueryResult<T, unknown>;
  isEmpty: (data: T) => boolean;
  emptyTitle: string;
  children: (data: T) => ReactNode;
}) {
  return (
    <QueryState query={query} isEmpty={isEmpty} empty={<Empty icon="chart" title={emptyTitle} />}>
      {children}
    </QueryState>
  );
}
