// The answer to a match request, by kind: overlap counts as a Venn and bars, a cross-sell list as its stored
// audience, referrals per partner — and any other kind's payload as a generic, labelled read-out.
import {
  MATCH_KIND_INFO,
  type MatchKind,
  payloadOf,
  type RequestMatchOutput,
} from '@concord/protocol/contract/matches';
import { whereOf } from '@concord/protocol/humanize';
import { Link } from '../../router.tsx';
import type { RouterOutputs } from '../../trpc.ts';
import { BarChart } from '../../ui/charts.tsx';
import { Badge, fmtDateTime, fmtNumber } from '../../ui/layout.tsx';
import { Notice } from '../../ui/states.tsx';
import { Venn } from '../../ui/venn.tsx';

export type Report = RouterOutputs['matches']['request'];
export type PartnerSegment = RouterOutputs['publications']['partners'][number];

export interface ResultProps {
  report: Report;
  ours: string;
  theirs: PartnerSegment[];
  ourSize: number | null;
}

type ViewProps<K extends MatchKind> = Omit<ResultProps, 'report'> & { report: Extract<Report, { kind: K }> };

/** Kinds with a view of their own; any other kind is shown by `PayloadView`. */
const VIEWS: { [K in MatchKind]?: (p: ViewProps<K>) => React.ReactNode } = {
  insight: InsightView,
  referral_list: ReferralView,
};

export function MatchResult(props: ResultProps) {
  const View = VIEWS[props.report.kind] as ((p: ResultProps) => React.ReactNode) | undefined;
  return (
    <div className="stack" data-testid="match-result">
      {props.report.audience ? (
        <AudienceView audience={props.report.audience} />
      ) : View ? (
        <View {...props} />
      ) : (
        <PayloadView report={props.report} />
      )}
    </div>
  );
}

function InsightView({ report, ours, theirs, ourSize }: ViewProps<'insight'>) {
  const name = (id: string) => theirs.find((t) => t.id === id);
  const cells = report.insight.cells;
  const first = cells[0];
  return (
    <>
      {cells.length === 1 && first ? (
        <Venn
          title={`Overlap between ${ours} and ${name(first.partnerPublicationId)?.name ?? 'partner segment'}`}
          left={{ label: ours, value: ourSize }}
          right={{
            label: name(first.partnerPublicationId)?.name ?? 'Partner',
            value: null,
            text: name(first.partnerPublicationId)?.sizeBand ?? '?',
          }}
          overlap={first.suppressed ? null : first.count}
        />
      ) : null}
      <BarChart
        title="Overlap per partner segment"
        color="var(--partner)"
        data={cells.map((c) => ({
          label: name(c.partnerPublicationId)?.name ?? c.partnerPublicationId.slice(0, 8),
          value: c.suppressed ? null : c.count,
        }))}
      />
      <p className="small muted">
        k ≥ {fmtNumber(report.kMin)} · ε charged {report.insight.epsilonCharged} · ε left{' '}
        {report.insight.epsilonRemaining}
        {report.cached ? ' · same question as before, same answer (noise is seeded)' : ''}
      </p>
    </>
  );
}

function AudienceView({ audience: a }: { audience: NonNullable<Report['audience']> }) {
  const dropped = Object.entries(a.dropped);
  return (
    <>
      <Notice tone="ok" title={`${fmtNumber(a.resolved)} of your customers are in the partner's segment`}>
        Stored as a campaign audience with its provenance; it expires {fmtDateTime(a.expiresAt)}.
      </Notice>
      {dropped.length > 0 ? (
        <BarChart
          title="Dropped since publishing"
          color="var(--warn)"
          data={dropped.map(([k, v]) => ({ label: k.replaceAll('_', ' '), value: v }))}
        />
      ) : null}
      <Link className="btn btn-primary" to={`/lists/${a.audienceListId}`}>
        Open the list
      </Link>
    </>
  );
}

function ReferralView({ report, theirs }: ViewProps<'referral_list'>) {
  const name = (id: string) => theirs.find((t) => t.id === id)?.name ?? id;
  return (
    <>
      <Notice tone="ok" title="Referral lists delivered">
        Each partner receives only its own customers and contacts them with your offer; you learn counts only.
      </Notice>
      {report.referrals.map((r) => (
        <div key={r.partnerPublicationId} className="spread small">
          <span>{name(r.partnerPublicationId)}</span>
          <Badge tone={r.delivered ? 'ok' : 'warn'}>{r.delivered ? 'delivered' : 'below threshold'}</Badge>
        </div>
      ))}
    </>
  );
}

/** A kind without a view of its own: its payload's fields in words (field names through humanize), never JSON. */
export function PayloadView({ report }: { report: RequestMatchOutput }) {
  return (
    <>
      <Notice tone="ok" title={MATCH_KIND_INFO[report.kind].label} />
      <Fields value={payloadOf(report)} path={[]} />
    </>
  );
}

function Fields({ value, path }: { value: unknown; path: PropertyKey[] }): React.ReactNode {
  if (Array.isArray(value)) {
    return value.map((v, i) => <Fields key={String(i)} value={v} path={[...path, i]} />);
  }
  if (value !== null && typeof value === 'object') {
    return (
      <dl className="stack-sm small">
        {Object.entries(value).map(([k, v]) => (
          <div key={k} className="spread">
            <dt>{whereOf([...path, k])}</dt>
            <dd>
              <Fields value={v} path={[...path, k]} />
            </dd>
          </div>
        ))}
      </dl>
    );
  }
  if (typeof value === 'number') return fmtNumber(value);
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return value === null || value === undefined ? '—' : String(value);
}
