// Segments: the saved audiences, with their size and rule in words.
import { useQuery } from '@tanstack/react-query';
import { Can } from '../../ability.tsx';
import { Link } from '../../router.tsx';
import { useTRPC } from '../../trpc.ts';
import { Icon } from '../../ui/icons.tsx';
import { Card, fmtDateTime, fmtNumber, Page } from '../../ui/layout.tsx';
import { Empty, QueryState } from '../../ui/states.tsx';
import { Table } from '../../ui/table.tsx';
import { describeRule } from './segment-describe.ts';

export function SegmentsScreen() {
  const trpc = useTRPC();
  const segments = useQuery(trpc.segments.list.queryOptions());
  return (
    <Page
      title="Segments"
      subtitle="Audiences defined by rules over purchases, service history, contacts and attributes. Publish one into a collaboration to match it with a partner."
      actions={
        <Can I="create" a="Segment">
          <Link to="/segments/new" className="btn btn-primary">
            <Icon name="plus" />
            New segment
          </Link>
        </Can>
      }
    >
      <Card flush>
        <QueryState
          query={segments}
          isEmpty={(s) => s.length === 0}
          empty={
            <Empty
              icon="layers"
              title="No segments yet"
              hint="Build your first audience — the count updates as you add conditions."
              action={
                <Link to="/segments/new" className="btn btn-primary">
                  Build a segment
                </Link>
              }
            />
          }
        >
          {(rows) => (
            <Table
              caption="Segments"
              testId="segments-table"
              rows={rows}
              rowKey={(s) => s.id}
              columns={[
                {
                  key: 'name',
                  header: 'Segment',
                  cell: (s) => (
                    <div>
                      <Link to={`/segments/${s.id}`} style={{ fontWeight: 550 }}>
                        {s.name}
                      </Link>
                      <div className="small muted">{describeRule(s.rule)}</div>
                    </div>
                  ),
                },
                {
                  key: 'size',
                  header: 'Members',
                  align: 'right',
                  cell: (s) =>
                    s.memberCount === null ? <span className="muted">—</span> : fmtNumber(s.memberCount),
                },
                {
                  key: 'at',
                  header: 'Counted',
                  cell: (s) => <span className="small">{fmtDateTime(s.materializedAt)}</span>,
                },
              ]}
            />
          )}
        </QueryState>
      </Card>
    </Page>
  );
}
