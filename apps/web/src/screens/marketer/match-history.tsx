// Earlier match requests of a collaboration, newest first, with the kind in words from the protocol's registry.
import { MATCH_KIND_INFO, MatchKind } from '@concord/protocol/contract/matches';
import { useQuery } from '@tanstack/react-query';
import { purposeTitle } from '../../labels.ts';
import { useTRPC } from '../../trpc.ts';
import { Badge, Card, fmtDateTime } from '../../ui/layout.tsx';
import { Empty, QueryState } from '../../ui/states.tsx';
import { Table } from '../../ui/table.tsx';

/** A stored request's kind in words; a kind this console does not know yet shows as stored. */
const kindLabel = (kind: string) =>
  MatchKind.safeParse(kind).success ? MATCH_KIND_INFO[kind as MatchKind].label : kind;

export function MatchHistory({ collaborationId }: { collaborationId: string }) {
  const trpc = useTRPC();
  const history = useQuery(trpc.matches.list.queryOptions({ collaborationId }));
  return (
    <Card title="Earlier requests" flush>
      <QueryState query={history} isEmpty={(h) => h.length === 0} empty={<Empty title="No requests yet" />}>
        {(rows) => (
          <Table
            caption="Match requests"
            rows={rows.slice(0, 20)}
            rowKey={(m) => m.id}
            columns={[
              {
                key: 'at',
                header: 'When',
                cell: (m) => <span className="small">{fmtDateTime(m.createdAt)}</span>,
              },
              {
                key: 'kind',
                header: 'Kind',
                cell: (m) => <Badge plain>{kindLabel(m.kind)}</Badge>,
              },
              {
                key: 'purpose',
                header: 'Purpose',
                cell: (m) => <span className="small">{purposeTitle(m.purpose)}</span>,
              },
              {
                key: 'by',
                header: 'By',
                cell: (m) => <span className="small">{m.requestedByEmail ?? m.requestedBy ?? '—'}</span>,
              },
            ]}
          />
        )}
      </QueryState>
    </Card>
  );
}
