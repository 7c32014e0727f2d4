// Segments: the saved audiences, with their size and rule in words.
import { useQuery } from '@tanstack/react-query';
import { Can } from '../../ability.tsx';
import { Link } from '../../router.tsx';
import { type RouterOutputs, useTRPC } from '../../trpc.ts';
import { useClientTable } from '../../ui/client-table.ts';
import { Icon } from '../../ui/icons.tsx';
import { Card, fmtDateTime, fmtNumber, Page } from '../../ui/layout.tsx';
import { Pager } from '../../ui/pager.tsx';
import { SavedViews } from '../../ui/saved-views.tsx';
import { Empty, QueryState } from '../../ui/states.tsx';
import { Table } from '../../ui/table.tsx';
import { TableSearch } from '../../ui/table-search.tsx';
import { describeRule } from './segment-describe.ts';

type Segment = RouterOutputs['segments']['list'][number];

export function SegmentsScreen() {
  const trpc = useTRPC();
  const segments = useQuery(trpc.segments.list.queryOptions());
  const table = useClientTable<Segment>(segments.data ?? [], {
    sorts: {
      name: (s) => s.name,
      members: (s) => s.memberCount,
      counted: (s) => (s.materializedAt ? new Date(s.materializedAt).getTime() : null),
    },
    defaultSort: 'name',
    text: (s) => `${s.name} ${describeRule(s.rule)}`,
  });
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
      <div className="table-toolbar">
        <TableSearch url={table.url} label="Search segments" placeholder="Search segment names and rules" />
        <SavedViews table="segments" url={table.url} />
      </div>
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
          {() => (
            <>
              <Table
                caption="Segments"
                testId="segments-table"
                rows={table.rows}
                rowKey={(s) => s.id}
                sort={table.sort}
                empty={<Empty icon="layers" title="No segment matches" />}
                columns={[
                  {
                    key: 'name',
                    header: 'Segment',
                    sort: 'name',
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
                    sort: 'members',
                    cell: (s) =>
                      s.memberCount === null ? <span className="muted">—</span> : fmtNumber(s.memberCount),
                  },
                  {
                    key: 'at',
                    header: 'Counted',
                    sort: 'counted',
                    cell: (s) => <span className="small">{fmtDateTime(s.materializedAt)}</span>,
                  },
                ]}
              />
              <Pager {...table.pager} noun="segments" />
            </>
          )}
        </QueryState>
      </Card>
    </Page>
  );
}
