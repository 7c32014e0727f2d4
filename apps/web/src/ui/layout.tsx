// Page scaffolding: page header, cards, stats and badges.
import type { ReactNode } from 'react';

export function Page({
  title,
  subtitle,
  crumbs,
  actions,
  children,
}: {
  title: string;
  subtitle?: ReactNode;
  crumbs?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
}) {
  return (
    <>
      <header className="page-head">
        <div>
          {crumbs ? <div className="crumbs">{crumbs}</div> : null}
          <h1>{title}</h1>
          {subtitle ? <p className="page-sub">{subtitle}</p> : null}
        </div>
        {actions ? <div className="actions">{actions}</div> : null}
      </header>
      <div className="stack">{children}</div>
    </>
  );
}

export function Card({
  title,
  hint,
  actions,
  children,
  flush,
  id,
}: {
  title?: ReactNode;
  hint?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  /** No body padding: for tables that run edge to edge. */
  flush?: boolean;
  id?: string;
}) {
  const headingId = id ? `${id}-title` : undefined;
  return (
    <section className="card" aria-labelledby={title ? headingId : undefined} id={id}>
      {title ? (
        <div className="card-head">
          <div>
            <h2 id={headingId}>{title}</h2>
            {hint ? <p className="card-hint">{hint}</p> : null}
          </div>
          {actions ? <div className="actions">{actions}</div> : null}
        </div>
      ) : null}
      <div
        className={flush ? '' : 'card-body'}
        style={flush && title ? { marginTop: 'var(--s4)' } : undefined}
      >
        {children}
      </div>
    </section>
  );
}

export function Stat({
  label,
  value,
  foot,
  testId,
}: {
  label: string;
  value: ReactNode;
  foot?: ReactNode;
  testId?: string;
}) {
  return (
    <div className="card stat">
      <div className="stat-label">{label}</div>
      <div className="stat-value" data-testid={testId}>
        {value}
      </div>
      {foot ? <div className="stat-foot">{foot}</div> : null}
    </div>
  );
}

export type Tone = 'ok' | 'warn' | 'danger' | 'brand' | 'partner' | 'neutral';

export function Badge({
  tone = 'neutral',
  plain,
  children,
}: {
  tone?: Tone;
  plain?: boolean;
  children: ReactNode;
}) {
  return (
    <span className={`badge ${tone === 'neutral' ? '' : tone}${plain ? ' plain' : ''}`}>{children}</span>
  );
}

const nf = new Intl.NumberFormat('en-GB');
export const fmtNumber = (n: number) => nf.format(n);
const money = new Intl.NumberFormat('en-GB', {
  style: 'currency',
  currency: 'EUR',
  maximumFractionDigits: 0,
});
export const fmtMoney = (n: number) => money.format(n);
const dt = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
const d = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium' });
export const fmtDateTime = (v: string | Date | null | undefined) => (v ? dt.format(new Date(v)) : '—');
export const fmtDate = (v: string | Date | null | undefined) => (v ? d.format(new Date(v)) : '—');
