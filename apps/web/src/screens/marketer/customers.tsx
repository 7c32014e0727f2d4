// Customers: search, filter, sort and page the CRM (all in the URL), save views, act on a selection, open a record.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link, navigate } from '../../router.tsx';
import { useTRPC } from '../../trpc.ts';
import { BulkBar } from '../../ui/bulk-actions.tsx';
import { Card, Page } from '../../ui/layout.tsx';
import { PAGE_SIZES, Pager } from '../../ui/pager.tsx';
import { SavedViews } from '../../ui/saved-views.tsx';
import { Empty, QueryState } from '../../ui/states.tsx';
import { type Column, type SortDir, Table } from '../../ui/table.tsx';
import { TableSearch, useDebounced } from '../../ui/table-search.tsx';
import { intParam, type TableUrl, useTableUrl } from '../../ui/url-state.ts';
import { CUSTOMER_BULK_ACTIONS, type CustomerRow } from './customer-bulk.ts';
import { CustomerFilters, filtersFromUrl } from './customer-filters.tsx';

export { useDebounced };

export const fullName = (c: { firstName: string | null; lastName: string | null; externalId: string }) =>
  [c.firstName, c.lastName].filter(Boolean).join(' ') || c.externalId;

const SORTS = ['name', 'externalId', 'city', 'country', 'createdAt', 'relevance'] as const;
type Sort = (typeof SORTS)[number];

const COLUMNS: Column<CustomerRow>[] = [
  {
    key: 'name',
    header: 'Name',
    sort: 'name',
    cell: (c) => (
      <Link to={`/customers/${c.id}`} style={{ fontWeight: 550 }}>
        {fullName(c)}
      </Link>
    ),
  },
  { key: 'email', header: 'Email', cell: (c) => c.primaryEmail ?? <span className="muted">—</span> },
  { key: 'phone', header: 'Phone', cell: (c) => c.primaryPhone ?? <span className="muted">—</span> },
  { key: 'city', header: 'City', sort: 'city', cell: (c) => c.city ?? '—' },
  { key: 'country', header: 'Country', sort: 'country', cell: (c) => c.country ?? '—' },
  {
    key: 'ext',
    header: 'Customer no.',
    sort: 'externalId',
    cell: (c) => <code className="muted">{c.externalId}</code>,
  },
];

/** customers.table's input from the URL; anything unknown falls back to the default instead of being sent. */
function tableInput(url: TableUrl) {
  const q = url.get('q');
  const sortParam = url.get('sort') as Sort | undefined;
  const sort: Sort = sortParam && SORTS.includes(sortParam) ? sortParam : q ? 'relevance' : 'name';
  const dir: SortDir = url.get('dir') === 'desc' ? 'desc' : 'asc';
  const size = intParam(url.get('size'), 25);
  return {
    page: intParam(url.get('page'), 1),
    pageSize: (PAGE_SIZES as readonly number[]).includes(size) ? size : 25,
    sort,
    dir,
    filters: filtersFromUrl(url),
    ...(q ? { search: q } : {}),
  };
}

export function CustomersScreen() {
  const trpc = useTRPC();
  const url = useTableUrl();
  const q = url.get('q');
  const input = tableInput(url);
  const { sort, dir } = input;
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const table = useQuery(trpc.customers.table.queryOptions(input, { placeholderData: keepPreviousData }));
  const key = JSON.stringify(input);
  useEffect(() => setSelected(new Set()), [key]);
  return (
    <Page
      title="Customers"
      subtitle="Everyone this company knows: search by name, email, phone or customer number."
    >
      <div className="table-toolbar">
        <TableSearch
          url={url}
          label="Search customers"
          placeholder="Search name, email, phone or customer number"
          autoFocus
        />
        <SavedViews table="customers" url={url} />
      </div>
      <CustomerFilters url={url} />
      <Card flush>
        <QueryState
          query={table}
          isEmpty={(d) => d.items.length === 0}
          empty={
            <Empty
              icon="users"
              title={q ? `No customer matches “${q}”` : 'No customers match'}
              hint={
                q ? 'Try part of the name or the email domain.' : 'Change the filters, or import customers.'
              }
            />
          }
        >
          {(d) => (
            <>
              <BulkBar
                actions={CUSTOMER_BULK_ACTIONS}
                rows={d.items.filter((c) => selected.has(c.id))}
                onClear={() => setSelected(new Set())}
              />
              <Table
                caption="Customers"
                testId="customers-table"
                rows={d.items}
                rowKey={(c) => c.id}
                rowLabel={fullName}
                columns={COLUMNS}
                sort={{ column: sort, dir, onSort: (s, nd) => url.set({ sort: s, dir: nd }) }}
                selection={{ selected, onChange: setSelected }}
              />
              <Pager
                page={d.page}
                pageSize={d.pageSize}
                total={d.total}
                noun="customers"
                onPage={(p) => url.set({ page: String(p) })}
                onPageSize={(s) => url.set({ size: String(s) })}
              />
            </>
          )}
        </QueryState>
      </Card>
    </Page>
  );
}

export function openCustomer(id: string) {
  navigate(`/customers/${id}`);
}
