// The service desk for a call: the products the customer owns, their open and past cases per product, how cases
// with the same product ended for other customers (counts only), and opening or closing a case right here.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Can } from '../../ability.tsx';
import { Link } from '../../router.tsx';
import { type RouterOutputs, useTRPC } from '../../trpc.ts';
import { Badge, Card, fmtDate, fmtDateTime, fmtNumber, Page } from '../../ui/layout.tsx';
import { Empty, QueryState } from '../../ui/states.tsx';
import { Table } from '../../ui/table.tsx';
import { fullName } from '../marketer/customers.tsx';
import { CloseCaseForm, OpenCaseForm } from './case-forms.tsx';

type Desk = RouterOutputs['customers']['serviceDesk'];

export function ServiceDeskScreen({ id }: { id: string }) {
  const trpc = useTRPC();
  const customer = useQuery(trpc.customers.get.queryOptions({ id }));
  const desk = useQuery(trpc.customers.serviceDesk.queryOptions({ customerId: id }));
  const [product, setProduct] = useState<string | null>(null);
  return (
    <QueryState query={customer} rows={4}>
      {(c) => (
        <Page
          title={`Service desk · ${fullName(c)}`}
          crumbs={
            <>
              <Link to="/customers">Customers</Link> / <Link to={`/customers/${id}`}>{fullName(c)}</Link>
            </>
          }
          subtitle={
            <span>
              Customer no. <code>{c.externalId}</code>
              {c.phones[0] ? ` · ${c.phones[0]}` : ''}
              {c.emails[0] ? ` · ${c.emails[0]}` : ''}
            </span>
          }
        >
          <QueryState query={desk} rows={6}>
            {(d) => (
              <div className="split">
                <div className="stack">
                  <Products desk={d} selected={product} onSelect={setProduct} />
                  <Cases desk={d} product={product} />
                </div>
                <div className="stack">
                  <SameProduct desk={d} product={product} />
                  <Can I="create" a="Interaction">
                    <OpenCaseForm
                      customerId={id}
                      products={d.products.map((p) => p.product)}
                      preset={product}
                    />
                  </Can>
                </div>
              </div>
            )}
          </QueryState>
        </Page>
      )}
    </QueryState>
  );
}

function Products({
  desk,
  selected,
  onSelect,
}: {
  desk: Desk;
  selected: string | null;
  onSelect: (p: string | null) => void;
}) {
  if (desk.products.length === 0)
    return (
      <Card title="Products owned">
        <Empty icon="cart" title="No products on record" />
      </Card>
    );
  return (
    <Card title="Products owned" hint="Choose a product to see only its cases and its history." flush>
      <Table
        caption="Products owned"
        testId="desk-products"
        rows={desk.products}
        rowKey={(p) => p.product}
        columns={[
          {
            key: 'product',
            header: 'Product',
            cell: (p) => (
              <button
                type="button"
                className="btn btn-ghost btn-sm"
                aria-pressed={selected === p.product}
                onClick={() => onSelect(selected === p.product ? null : p.product)}
              >
                {p.product}
              </button>
            ),
          },
          { key: 'cat', header: 'Category', cell: (p) => p.category ?? '—' },
          { key: 'q', header: 'Units', align: 'right', cell: (p) => fmtNumber(p.quantity) },
          { key: 'last', header: 'Last bought', cell: (p) => fmtDate(p.lastBought) },
          {
            key: 'cases',
            header: 'Cases',
            cell: (p) => (
              <span className="chip-row">
                {p.openCases > 0 ? <Badge tone="warn">{`${p.openCases} open`}</Badge> : null}
                {p.pastCases > 0 ? <Badge tone="neutral">{`${p.pastCases} past`}</Badge> : null}
                {p.openCases + p.pastCases === 0 ? <span className="muted">none</span> : null}
              </span>
            ),
          },
        ]}
      />
    </Card>
  );
}

function Cases({ desk, product }: { desk: Desk; product: string | null }) {
  const cases = desk.cases.filter((c) => product === null || c.product === product);
  return (
    <Card title={product ? `Cases · ${product}` : 'Cases'} hint="Open cases first, then the newest.">
      {cases.length === 0 ? (
        <Empty icon="wrench" title="No service cases" />
      ) : (
        <ol className="timeline" data-testid="desk-cases">
          {cases.map((c) => (
            <li key={c.id} className="tl-item">
              <span className="tl-dot service" title="Service case" />
              <div>
                <div style={{ fontWeight: 550 }}>{c.product ?? 'No product'}</div>
                {c.summary ? <div className="small muted">{c.summary}</div> : null}
                <div className="tl-time">
                  opened {fmtDateTime(c.openedAt)}
                  {c.closedAt ? ` · closed ${fmtDateTime(c.closedAt)}` : ''}
                </div>
                {c.closedAt ? null : (
                  <Can I="update" a="Interaction">
                    <CloseCaseForm caseId={c.id} openedAt={c.openedAt} />
                  </Can>
                )}
              </div>
              <div>
                {c.closedAt ? (
                  <Badge tone="ok">{c.outcome ?? 'closed'}</Badge>
                ) : (
                  <Badge tone="warn">open</Badge>
                )}
              </div>
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}

function SameProduct({ desk, product }: { desk: Desk; product: string | null }) {
  const rows = desk.sameProduct.filter((p) => product === null || p.product === product);
  return (
    <Card
      title="Same product, other customers"
      hint="How their cases ended — counts only, nobody else's details."
    >
      <div className="stack-sm" data-testid="desk-same-product">
        {rows.every((r) => r.outcomes.length === 0 && r.openElsewhere === 0) ? (
          <span className="muted small">No cases with these products elsewhere.</span>
        ) : null}
        {rows
          .filter((r) => r.outcomes.length > 0 || r.openElsewhere > 0)
          .map((r) => (
            <div key={r.product}>
              <strong>{r.product}</strong>
              <ul className="small" style={{ margin: '4px 0 0', paddingLeft: 18 }}>
                {r.outcomes.map((o) => (
                  <li key={o.outcome}>
                    {o.outcome}: {fmtNumber(o.cases)} case{o.cases === 1 ? '' : 's'}
                  </li>
                ))}
                {r.openElsewhere > 0 ? <li>still open elsewhere: {fmtNumber(r.openElsewhere)}</li> : null}
              </ul>
            </div>
          ))}
      </div>
    </Card>
  );
}
