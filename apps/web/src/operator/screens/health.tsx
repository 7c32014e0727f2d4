// Operator › Health: database round trip, uptime, version, and the registry and workload counts.
import { useQuery } from '@tanstack/react-query';
import { Badge, Card, fmtDateTime, fmtNumber, Page, Stat } from '../../ui/layout.tsx';
import { QueryState } from '../../ui/states.tsx';
import { useOperatorTRPC } from '../trpc.ts';

const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);
const breakdown = (counts: Record<string, number>) =>
  Object.entries(counts)
    .map(([k, n]) => `${fmtNumber(n)} ${k}`)
    .join(' · ') || 'none';

function uptime(seconds: number): string {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  return h > 0 ? `${h} h ${m} min` : `${m} min`;
}

export function CleanroomHealthScreen() {
  const trpc = useOperatorTRPC();
  const health = useQuery(trpc.operator.health.queryOptions(undefined, { refetchInterval: 15_000 }));
  return (
    <Page
      title="Health"
      subtitle="Checked every 15 seconds. Monitoring systems poll /healthz (docs/deployment.md)."
    >
      <QueryState query={health} rows={3}>
        {(h) => (
          <>
            <div className="grid-4">
              <Stat
                label="Database"
                testId="cr-health-database"
                value={<Badge tone="ok">Reachable</Badge>}
                foot={`${h.databaseMs} ms round trip`}
              />
              <Stat
                label="Partners"
                testId="cr-health-partners"
                value={fmtNumber(sum(h.partners))}
                foot={breakdown(h.partners)}
              />
              <Stat
                label="Collaborations"
                testId="cr-health-collaborations"
                value={fmtNumber(sum(h.collaborations))}
                foot={breakdown(h.collaborations)}
              />
              <Stat
                label="Audit events"
                testId="cr-health-audit"
                value={fmtNumber(h.auditEvents)}
                foot="in the hash chain"
              />
            </div>
            <Card title="Service">
              <dl className="kv">
                <dt>Version</dt>
                <dd>{h.version}</dd>
                <dt>Up for</dt>
                <dd>{uptime(h.uptimeSeconds)}</dd>
                <dt>Publication versions</dt>
                <dd>{breakdown(h.versions)}</dd>
                <dt>Upload in progress since</dt>
                <dd>
                  {h.oldestUploadStartedAt ? fmtDateTime(h.oldestUploadStartedAt) : 'No upload running'}
                </dd>
                <dt>Open invitations</dt>
                <dd>{fmtNumber(h.openInvitations)}</dd>
                <dt>Delivered lists not yet expired</dt>
                <dd>{fmtNumber(h.liveLists)}</dd>
                <dt>Checked</dt>
                <dd>{fmtDateTime(h.checkedAt)}</dd>
              </dl>
            </Card>
          </>
        )}
      </QueryState>
    </Page>
  );
}
