// Publishing a segment into a collaboration: only consenting customers leave, as tokens; the exclusions are reported.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { reasonLabel } from '../../labels.ts';
import { type RouterOutputs, useTRPC } from '../../trpc.ts';
import { BarChart } from '../../ui/charts.tsx';
import { Button, Field } from '../../ui/form.tsx';
import { Badge, Card, fmtDateTime, fmtNumber } from '../../ui/layout.tsx';
import { Empty, ErrorNote, Loading } from '../../ui/states.tsx';
import { useToast } from '../../ui/toast.tsx';

type Report = RouterOutputs['publications']['publish'];

export function PublishPanel({ segmentId, segmentName }: { segmentId: string; segmentName: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const collaborations = useQuery(trpc.collaborations.list.queryOptions());
  const publications = useQuery(trpc.publications.list.queryOptions({}));
  const active = (collaborations.data ?? []).filter((c) => c.status === 'active');
  const [collaborationId, setCollaborationId] = useState('');
  const chosen = collaborationId || active[0]?.id || '';
  const publish = useMutation(
    trpc.publications.publish.mutationOptions({
      onSuccess: async (r) => {
        await queryClient.invalidateQueries({ queryKey: trpc.publications.pathKey() });
        toast(`Published ${fmtNumber(r.published)} of ${fmtNumber(r.segmentSize)} customers`);
      },
    }),
  );
  const mine = (publications.data ?? []).filter(
    (p) => p.segmentId === segmentId && (p.status === 'live' || p.status === 'replaced'),
  );
  return (
    <Card
      title="Publish to a collaboration"
      hint={`Tokens of consenting customers in “${segmentName}” — never names or addresses.`}
    >
      {collaborations.isPending ? (
        <Loading rows={2} />
      ) : collaborations.isError ? (
        <ErrorNote error={collaborations.error} />
      ) : active.length === 0 ? (
        <Empty
          icon="handshake"
          title="No active collaboration"
          hint="Compliance proposes and approves collaborations."
        />
      ) : (
        <div className="stack">
          <Field label="Collaboration" id="pub-collab">
            <select
              id="pub-collab"
              className="select"
              value={chosen}
              onChange={(e) => setCollaborationId(e.target.value)}
            >
              {active.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </Field>
          {publish.isError ? <ErrorNote error={publish.error} /> : null}
          <Button
            variant="primary"
            icon="upload"
            busy={publish.isPending}
            onClick={() => publish.mutate({ collaborationId: chosen, segmentId })}
          >
            Publish segment
          </Button>
          {publish.data ? <ExclusionReport report={publish.data} /> : null}
          {mine.length > 0 ? (
            <div className="stack-sm">
              <h3>Live here</h3>
              {mine.slice(0, 4).map((p) => (
                <div key={p.id} className="spread small">
                  <span>
                    {active.find((c) => c.id === p.collaborationId)?.name ?? 'Collaboration'}{' '}
                    <span className="muted">· {fmtDateTime(p.committedAt)}</span>
                  </span>
                  <Badge tone={p.status === 'live' ? 'ok' : 'neutral'}>
                    {p.status === 'live' ? `${fmtNumber(p.members ?? 0)} members` : 'replaced'}
                  </Badge>
                </div>
              ))}
            </div>
          ) : null}
        </div>
      )}
    </Card>
  );
}

export function ExclusionReport({ report }: { report: Report }) {
  const reasons = Object.entries(report.excluded).sort((a, b) => b[1] - a[1]);
  const excluded = reasons.reduce((n, [, v]) => n + v, 0);
  return (
    <div className="stack-sm" data-testid="exclusion-report">
      <div className="grid-3">
        <div>
          <div className="stat-label">In segment</div>
          <div className="stat-value" style={{ fontSize: 20 }}>
            {fmtNumber(report.segmentSize)}
          </div>
        </div>
        <div>
          <div className="stat-label">Published</div>
          <div
            className="stat-value"
            style={{ fontSize: 20, color: 'var(--ok)' }}
            data-testid="published-count"
          >
            {fmtNumber(report.published)}
          </div>
        </div>
        <div>
          <div className="stat-label">Excluded</div>
          <div className="stat-value" style={{ fontSize: 20, color: 'var(--danger)' }}>
            {fmtNumber(excluded)}
          </div>
        </div>
      </div>
      {reasons.length > 0 ? (
        <BarChart
          title="Excluded customers by reason"
          color="var(--danger)"
          data={reasons.map(([k, v]) => ({ label: reasonLabel(k), value: v }))}
        />
      ) : (
        <p className="small muted">Nobody was excluded: every customer in the segment consented.</p>
      )}
      <p className="small muted">
        Version {report.version} · {fmtNumber(report.tokens)} tokens uploaded. A newer publication of the same
        segment replaces this one atomically.
      </p>
    </div>
  );
}
