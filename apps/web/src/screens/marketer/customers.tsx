// Customers: search the CRM and open a customer's record.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link, navigate, useLocation } from '../../router.tsx';
import { useTRPC } from '../../trpc.ts';
import { Button } from '../../ui/form.tsx';
import { Icon } from '../../ui/icons.tsx';
import { Card, Page } from '../../ui/layout.tsx';
import { Empty, QueryState } from '../../ui/states.tsx';
import { Table } from '../../ui/table.tsx';

export function useDebounced<T>(value: T, ms = 250): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

export const fullName = (c: { firstName: string | null; lastName: string | null; externalId: string }) =>
  [c.firstName, c.lastName].filter(Boolean).join(' ') || c.externalId;

export function CustomersScreen() {
  const trpc = useTRPC();
  const { query } = useLocation();
  const [search, setSearch] = useState(query.get('q') ?? '');
  const [cursors, setCursors] = useState<string[]>([]);
  const q = useDebounced(search.trim());
  useEffect(() => setCursors([]), [q]);
  const cursor = cursors[cursors.length - 1];
  const list = useQuery(
    trpc.customers.list.queryOptions(
      { limit: 25, ...(q ? { search: q } : {}), ...(cursor ? { cursor } : {}) },
      { placeholderData: keepPreviousData },
    ),
  );
  return (
    <Page
      title="Customers"
      subtitle="Everyone this company knows: search by name, email, phone or customer number."
    >
      <div className="search" style={{ maxWidth: 560 }}>
        <Icon name="search" />
        <label htmlFor="customer-search" className="sr-only">
          Search customers
        </label>
        <input
          id="customer-search"
          className="input"
          type="search"
          placeholder="Search name, email, phone or customer number"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          // biome-ignore lint/a11y/noAutofocus: search is the one thing this screen is for
          autoFocus
        />
      </div>
      <Card flush>
        <QueryState
          query={list}
          isEmpty={(d) => d.items.length === 0}
          empty={
            <Empty
              icon="users"
              title={q ? `No customer matches “${q}”` : 'No customers yet'}
              hint={
                q
                  ? 'Try part of the name or the email domain.'
                  : 'An administrator can import customers from CSV.'
              }
            />
          }
        >
          {(d) => (
            <>
              <Table
                caption="Customers"
                testId="customers-table"
                rows={d.items}
                rowKey={(c) => c.id}
                columns={[
                  {
                    key: 'name',
                    header: 'Name',
                    cell: (c) => (
                      <Link to={`/customers/${c.id}`} style={{ fontWeight: 550 }}>
                        {fullName(c)}
                      </Link>
                    ),
                  },
                  {
                    key: 'email',
                    header: 'Email',
                    cell: (c) => c.primaryEmail ?? <span className="muted">—</span>,
                  },
                  {
                    key: 'phone',
                    header: 'Phone',
                    cell: (c) => c.primaryPhone ?? <span className="muted">—</span>,
                  },
                  {
                    key: 'city',
                    header: 'City',
                    cell: (c) => [c.city, c.country].filter(Boolean).join(', ') || '—',
                  },
                  {
                    key: 'ext',
                    header: 'Customer no.',
                    cell: (c) => <code className="muted">{c.externalId}</code>,
                  },
                ]}
              />
              <div className="spread" style={{ padding: 'var(--s3) var(--s5)' }}>
                <span className="small muted">Page {cursors.length + 1}</span>
                <div className="actions">
                  <Button
                    size="sm"
                    disabled={cursors.length === 0}
                    onClick={() => setCursors((c) => c.slice(0, -1))}
                  >
                    Previous
                  </Button>
                  <Button
                    size="sm"
                    disabled={!d.nextCursor}
                    onClick={() => d.nextCursor && setCursors((c) => [...c, d.nextCursor!])}
                  >
                    Next
                  </Button>
                </div>
              </div>
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
