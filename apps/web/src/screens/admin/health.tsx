// Admin › Node health: database, clean room reachability, last publication, pending withdrawal deltas, last import.
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../../trpc.ts';
import { Badge, Card, fmtDateTime, fmtNumber, Page, Stat } from '../../ui/layout.tsx';
import { QueryState } from '../../ui/states.tsx';

export function HealthScreen() {
  const trpc = useTRPC();
  const health = useQuery(trpc.system.health.queryOptions(undefined, { refetchInterval: 15_000 }));
  const status = useQuery(trpc.system.status.queryOptions(undefined, { refetchInterval: 15_000 }));
  return (
    <Page title="Node health" subtitle="Is this node ready to collaborate? Checked every 15 seconds.">
      <QueryState query={status} rows={3}>
        {(s) => {
          const h = health.data;
          const cr = s.cleanroom;
          return (
            <>
              <div className="grid-4">
                <Stat
                  label="Database"
                  testId="health-database"
                  value={
                    <Badge tone={h?.database ? 'ok' : 'danger'}>
                      {h?.database ? 'Reachable' : 'Unreachable'}
                    </Badge>
                  }
                  foot={h ? `${h.name} · ${h.industry}` : undefined}
                />
                <Stat
                  label="Clean room"
                  testId="health-cleanroom"
                  value={
                    <Badge tone={!cr.configured ? 'warn' : cr.reachable ? 'ok' : 'danger'}>
                      {!cr.configured ? 'Not configured' : cr.reachable ? 'Reachable' : 'Unreachable'}
                    </Badge>
                  }
                  foot={
                    cr.reachable
                      ? `as ${cr.partnerName} · ${cr.latencyMs} ms`
                      : (cr.error ?? 'Set --cleanroom-url and the credential')
                  }
                />
                <Stat
                  label="Pending withdrawal deltas"
                  testId="health-pending"
                  value={fmtNumber(s.pendingWithdrawals.count)}
                  foot={
                    s.pendingWithdrawals.oldestAt
                      ? `oldest ${fmtDateTime(s.pendingWithdrawals.oldestAt)}`
                      : 'All delivered to the clean room'
                  }
                />
                <Stat
                  label="Last publication"
                  value={<span style={{ fontSize: 16 }}>{s.lastPublication?.segmentName ?? 'None yet'}</span>}
                  foot={
                    s.lastPublication
                      ? `${fmtDateTime(s.lastPublication.committedAt)} · ${fmtNumber(s.lastPublication.members ?? 0)} members`
                      : undefined
                  }
                />
              </div>
              <Card title="Last import">
                {s.lastImport ? (
                  <dl className="kv">
                    <dt>File</dt>
                    <dd>{s.lastImport.fileName ?? 'upload'}</dd>
                    <dt>Status</dt>
                    <dd>
                      <Badge
                        tone={
                          s.lastImport.status === 'completed'
                            ? 'ok'
                            : s.lastImport.status === 'failed'
                              ? 'danger'
                              : 'brand'
                        }
                      >
                        {s.lastImport.status}
                      </Badge>
                    </dd>
                    <dt>Started</dt>
                    <dd>{fmtDateTime(s.lastImport.startedAt)}</dd>
                  </dl>
                ) : (
                  <p className="muted">No import has run on this node.</p>
                )}
              </Card>
            </>
          );
        }}
      </QueryState>
    </Page>
  );
}
