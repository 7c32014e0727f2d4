// Collaboration results, as each partner may see them: our own campaigns on partner lists (exact, our data), and
// the clean room's aggregated, noisy counts for campaigns partners ran on lists our data made possible.
import { useMutation, useQuery } from '@tanstack/react-query';
import { useTRPC } from '../../trpc.ts';
import { BarChart } from '../../ui/charts.tsx';
import { Button } from '../../ui/form.tsx';
import { Card, fmtDateTime, fmtMoney, fmtNumber, Page, Stat } from '../../ui/layout.tsx';
import { Empty, ErrorNote, QueryState } from '../../ui/states.tsx';
import { pct } from './campaign-results.tsx';

export function CollaborationResultsScreen() {
  const trpc = useTRPC();
  const collaborations = useQuery(trpc.collaborations.list.queryOptions());
  return (
    <Page
      title="Collaboration results"
      subtitle="What the lists of each collaboration sold. Partners see only counts above the threshold, with noise, charged to their privacy budget — never who bought."
    >
      <PartnerMeasurements />
      <QueryState query={collaborations}>
        {(cs) => (
          <>
            {cs
              .filter((c) => c.status === 'active')
              .map((c) => (
                <OwnResults key={c.id} collaborationId={c.id} name={c.name} />
              ))}
          </>
        )}
      </QueryState>
    </Page>
  );
}

function OwnResults({ collaborationId, name }: { collaborationId: string; name: string }) {
  const trpc = useTRPC();
  const r = useQuery(trpc.campaigns.collaborationResults.queryOptions({ collaborationId }));
  if (!r.data || r.data.campaigns.length === 0) return null;
  const t = r.data.total;
  return (
    <Card title={`Our campaigns · ${name}`} hint="Exact figures from our own data">
      <div className="grid-4">
        <Stat label="Campaigns" value={fmtNumber(r.data.campaigns.length)} />
        <Stat
          label="Conversions"
          value={fmtNumber(t.treatment.converted)}
          foot={`of ${fmtNumber(t.treatment.members)} contacted`}
        />
        <Stat
          label="Lift"
          value={t.lift ? pct(t.lift.difference) : '—'}
          foot={t.lift ? `95% CI ${pct(t.lift.interval.lower)} … ${pct(t.lift.interval.upper)}` : ''}
        />
        <Stat label="Revenue" value={fmtMoney(t.treatment.revenue)} />
      </div>
    </Card>
  );
}

function PartnerMeasurements() {
  const trpc = useTRPC();
  const list = useQuery(trpc.campaigns.partnerMeasurements.queryOptions({}, { retry: false }));
  return (
    <Card
      title="Campaigns partners ran on lists we enabled"
      hint="Each first look spends privacy budget; looking again is free."
    >
      <QueryState
        query={list}
        isEmpty={(l) => l.length === 0}
        empty={<Empty icon="handshake" title="No partner has shared campaign results yet" />}
      >
        {(rows) => (
          <div className="stack">
            {rows.map((m) => (
              <Measurement key={m.id} measurementId={m.id} publishedAt={m.publishedAt} />
            ))}
          </div>
        )}
      </QueryState>
    </Card>
  );
}

function Measurement({ measurementId, publishedAt }: { measurementId: string; publishedAt: string }) {
  const trpc = useTRPC();
  const get = useMutation(trpc.campaigns.partnerResult.mutationOptions());
  const r = get.data;
  return (
    <div className="stack-sm" data-testid="partner-measurement">
      <div className="spread">
        <span className="small">Shared {fmtDateTime(publishedAt)}</span>
        <Button
          size="sm"
          variant="primary"
          busy={get.isPending}
          onClick={() => get.mutate({ measurementId })}
        >
          {r ? 'Refresh' : 'Show results'}
        </Button>
      </div>
      {get.isError ? <ErrorNote error={get.error} /> : null}
      {r ? (
        <>
          <div className="grid-4">
            <Stat
              label="Contacted (≈)"
              value={r.treated.count === null ? 'below threshold' : fmtNumber(r.treated.count)}
            />
            <Stat
              label="Conversions (≈)"
              testId="partner-conversions"
              value={
                r.treatedConversions.count === null
                  ? 'below threshold'
                  : fmtNumber(r.treatedConversions.count)
              }
            />
            <Stat label="Lift (≈)" value={r.lift === null ? 'not released' : pct(r.lift)} />
            <Stat label="Revenue band" value={r.revenueBand ?? 'not released'} />
          </div>
          <div style={{ maxWidth: 620 }}>
            <BarChart
              title="Noisy counts released by the clean room"
              data={[
                { label: 'Contacted', value: r.treated.count },
                { label: 'Converted', value: r.treatedConversions.count },
                { label: 'Holdout', value: r.holdout.count, color: 'var(--partner)' },
                { label: 'Holdout converted', value: r.holdoutConversions.count, color: 'var(--partner)' },
              ]}
            />
          </div>
          <p className="small muted" data-testid="budget">
            k = {r.kMin} · noise scale {r.noiseScale} · ε charged {r.epsilonCharged} · ε left{' '}
            {r.epsilonRemaining}
          </p>
        </>
      ) : null}
    </div>
  );
}
