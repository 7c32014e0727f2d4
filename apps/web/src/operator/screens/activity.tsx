// Operator › Activity: the latest publication versions (ingestion) and match requests — counts, states and
// names only; tokens and member ids never leave the clean room's tables.
import { useQuery } from '@tanstack/react-query';
import { titleCase } from '../../labels.ts';
import { Badge, Card, fmtDateTime, fmtNumber, Page, type Tone } from '../../ui/layout.tsx';
import { Empty, QueryState } from '../../ui/states.tsx';
import { Table } from '../../ui/table.tsx';
import { useOperatorTRPC } from '../trpc.ts';

const VERSION_TONE: Record<string, Tone> = {
  uploading: 'brand',
  live: 'ok',
  superseded: 'neutral',
  aborted: 'warn',
  expired: 'neutral',
};

export function ActivityScreen() {
  const trpc = useOperatorTRPC();
  const activity = useQuery(trpc.operator.activity.queryOptions({ limit: 50 }, { refetchInterval: 10_000 }));
  return (
    <Page title="Ingestion and matches" subtitle="The latest 50 of each, refreshed every 10 seconds.">
      <QueryState query={activity} rows={4}>
        {(d) => (
          <>
            <Card
              title="Ingestion"
              hint="Each publication version streams in batches and goes live atomically on commit."
              flush
            >
              <Table
                rows={d.ingestion}
                rowKey={(v) => v.id}
                caption="Publication versions"
                testId="ingestion-table"
                empty={<Empty title="Nothing published yet" />}
                columns={[
                  { key: 'owner', header: 'Partner', cell: (v) => v.owner },
                  { key: 'segment', header: 'Segment', cell: (v) => `${v.segment} · v${v.version}` },
                  { key: 'collab', header: 'Collaboration', cell: (v) => v.collaboration },
                  {
                    key: 'state',
                    header: 'State',
                    cell: (v) => <Badge tone={VERSION_TONE[v.status] ?? 'neutral'}>{v.status}</Badge>,
                  },
                  { key: 'members', header: 'Members', align: 'right', cell: (v) => fmtNumber(v.members) },
                  { key: 'records', header: 'Tokens', align: 'right', cell: (v) => fmtNumber(v.records) },
                  {
                    key: 'deltas',
                    header: 'Withdrawal deltas',
                    align: 'right',
                    cell: (v) => fmtNumber(v.withdrawalDeltas),
                  },
                  { key: 'at', header: 'Committed', cell: (v) => fmtDateTime(v.committedAt ?? v.createdAt) },
                ]}
              />
            </Card>
            <Card title="Matches" flush>
              <Table
                rows={d.matches}
                rowKey={(m) => m.id}
                caption="Match requests"
                testId="matches-table"
                empty={<Empty title="No match requested yet" />}
                columns={[
                  { key: 'requester', header: 'Requested by', cell: (m) => m.requester },
                  { key: 'collab', header: 'Collaboration', cell: (m) => m.collaboration },
                  { key: 'kind', header: 'Kind', cell: (m) => titleCase(m.kind) },
                  {
                    key: 'eps',
                    header: 'ε charged',
                    align: 'right',
                    cell: (m) => m.epsilonCharged.toFixed(2),
                  },
                  { key: 'at', header: 'At', cell: (m) => fmtDateTime(m.createdAt) },
                ]}
              />
            </Card>
          </>
        )}
      </QueryState>
    </Page>
  );
}
