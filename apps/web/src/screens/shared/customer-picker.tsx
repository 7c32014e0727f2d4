// Finds a customer to act on: type a name, email or number, pick from the matches.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTRPC } from '../../trpc.ts';
import { Icon } from '../../ui/icons.tsx';
import { Card } from '../../ui/layout.tsx';
import { Empty, Loading } from '../../ui/states.tsx';
import { fullName, useDebounced } from '../marketer/customers.tsx';

export function CustomerPicker({ label, onPick }: { label: string; onPick: (customerId: string) => void }) {
  const trpc = useTRPC();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim());
  const results = useQuery(
    trpc.customers.list.queryOptions({ search: q, limit: 8 }, { enabled: q.length >= 2 }),
  );
  return (
    <Card title={label} hint="Search by name, email, phone or customer number.">
      <div className="stack-sm">
        <div className="search">
          <Icon name="search" />
          <label htmlFor="pick-customer" className="sr-only">
            Search customers
          </label>
          <input
            id="pick-customer"
            className="input"
            type="search"
            placeholder="e.g. anna.schmidt@example.com"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
          />
        </div>
        {q.length < 2 ? null : results.isPending ? (
          <Loading rows={2} />
        ) : results.data && results.data.items.length > 0 ? (
          <ul
            className="stack-sm"
            style={{ listStyle: 'none', margin: 0, padding: 0 }}
            aria-label="Matching customers"
          >
            {results.data.items.map((c) => (
              <li key={c.id}>
                <button
                  type="button"
                  className="btn btn-ghost"
                  style={{ width: '100%', justifyContent: 'space-between' }}
                  onClick={() => {
                    setSearch('');
                    onPick(c.id);
                  }}
                >
                  <span>{fullName(c)}</span>
                  <span className="muted small">
                    {c.primaryEmail ?? ''} · {c.externalId}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        ) : (
          <Empty title="No match" />
        )}
      </div>
    </Card>
  );
}
