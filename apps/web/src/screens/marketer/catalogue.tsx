// Partner catalogue: the segments partners published into a collaboration — names and size bands, never people.
import { useQuery } from '@tanstack/react-query';
import { Link } from '../../router.tsx';
import { useTRPC } from '../../trpc.ts';
import { Badge, Card, fmtDateTime, Page } from '../../ui/layout.tsx';
import { Empty, QueryState } from '../../ui/states.tsx';
import { Table } from '../../ui/table.tsx';
import { ActiveCollaboration } from './active-collaboration.tsx';

export function CatalogueScreen() {
  return (
    <Page
      title="Partner catalogue"
      subtitle="Segments your partners published into a collaboration. You see what they are and roughly how big — never who is in them."
    >
      <ActiveCollaboration emptyHint="Once compliance has approved a collaboration, partner segments show up here.">
        {(current) => <PartnerSegments collaborationId={current.id} />}
      </ActiveCollaboration>
    </Page>
  );
}

function PartnerSegments({ collaborationId }: { collaborationId: string }) {
  const trpc = useTRPC();
  const segments = useQuery(trpc.publications.partners.queryOptions({ collaborationId }));
  return (
    <Card title="Partner segments" flush>
      <QueryState
        query={segments}
        isEmpty={(s) => s.length === 0}
        empty={
          <Empty
            icon="grid"
            title="Nothing published yet"
            hint="Partners have not published segments into this collaboration."
          />
        }
      >
        {(rows) => (
          <Table
            caption="Partner segments"
            testId="catalogue-table"
            rows={rows}
            rowKey={(s) => s.id}
            columns={[
              {
                key: 'name',
                header: 'Segment',
                cell: (s) => (
                  <div>
                    <div style={{ fontWeight: 550 }}>{s.name}</div>
                    {s.description ? <div className="small muted">{s.description}</div> : null}
                  </div>
                ),
              },
              {
                key: 'partner',
                header: 'Partner',
                cell: (s) => <Badge tone="partner">{s.partnerName}</Badge>,
              },
              { key: 'size', header: 'Size', cell: (s) => <Badge plain>{s.sizeBand ?? '—'}</Badge> },
              {
                key: 'at',
                header: 'Updated',
                cell: (s) => <span className="small">{fmtDateTime(s.committedAt)}</span>,
              },
              {
                key: 'go',
                header: <span className="sr-only">Actions</span>,
                cell: (s) => (
                  <Link
                    className="btn btn-sm"
                    to={`/matches?collaboration=${collaborationId}&partner=${s.id}`}
                  >
                    Match with ours
                  </Link>
                ),
              },
            ]}
          />
        )}
      </QueryState>
    </Card>
  );
}
