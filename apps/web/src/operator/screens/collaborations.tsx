// Operator › Collaborations: every collaboration's state, members and their approvals, purposes, expiry, live
// publications and match count — the metadata the clean room needs to run them, nothing about their members.
import { useQuery } from '@tanstack/react-query';
import { industryLabel, purposeTitle } from '../../labels.ts';
import { Badge, Card, fmtDate, fmtNumber, Page, type Tone } from '../../ui/layout.tsx';
import { Empty, QueryState } from '../../ui/states.tsx';
import { Table } from '../../ui/table.tsx';
import { useOperatorTRPC } from '../trpc.ts';

const STATE_TONE: Record<string, Tone> = {
  pending: 'warn',
  active: 'ok',
  suspended: 'danger',
  ended: 'neutral',
  expired: 'neutral',
};
const MEMBER_TONE: Record<string, Tone> = { approved: 'ok', pending: 'warn', left: 'neutral' };

export function OperatorCollaborationsScreen() {
  const trpc = useOperatorTRPC();
  const collaborations = useQuery(
    trpc.operator.collaborations.queryOptions(undefined, { refetchInterval: 15_000 }),
  );
  return (
    <Page
      title="Collaborations"
      subtitle="Proposed and approved by the partners' compliance officers on their own nodes; the operator watches their state."
    >
      <Card flush>
        <QueryState
          query={collaborations}
          isEmpty={(d) => d.collaborations.length === 0}
          empty={
            <Empty
              title="No collaborations yet"
              hint="A partner's compliance officer proposes one from its node."
            />
          }
        >
          {(d) => (
            <Table
              rows={d.collaborations}
              rowKey={(c) => c.id}
              caption="Collaborations in this clean room"
              testId="collaborations-table"
              columns={[
                { key: 'name', header: 'Collaboration', cell: (c) => <strong>{c.name}</strong> },
                {
                  key: 'state',
                  header: 'State',
                  cell: (c) => <Badge tone={STATE_TONE[c.status] ?? 'neutral'}>{c.status}</Badge>,
                },
                {
                  key: 'members',
                  header: 'Members',
                  cell: (c) => (
                    <div className="stack-sm" style={{ gap: 2 }}>
                      {c.members.map((m) => (
                        <span key={m.name}>
                          {m.name} <span className="muted small">({industryLabel(m.industry)})</span>{' '}
                          <Badge tone={MEMBER_TONE[m.status] ?? 'neutral'}>{m.status}</Badge>
                        </span>
                      ))}
                    </div>
                  ),
                },
                { key: 'purposes', header: 'Purposes', cell: (c) => c.purposes.map(purposeTitle).join(', ') },
                { key: 'mode', header: 'Tokens', cell: (c) => c.tokenMode },
                {
                  key: 'pubs',
                  header: 'Live publications',
                  align: 'right',
                  cell: (c) => fmtNumber(c.livePublications),
                },
                { key: 'matches', header: 'Matches', align: 'right', cell: (c) => fmtNumber(c.matches) },
                { key: 'expires', header: 'Expires', cell: (c) => fmtDate(c.expiresAt) },
              ]}
            />
          )}
        </QueryState>
      </Card>
    </Page>
  );
}
