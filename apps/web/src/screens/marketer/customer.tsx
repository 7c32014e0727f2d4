// A customer's record: identity, consent state per purpose, and one timeline of purchases, cases, contacts, follow-ups.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Can } from '../../ability.tsx';
import { purposeTitle, titleCase } from '../../labels.ts';
import { Link } from '../../router.tsx';
import { useTRPC } from '../../trpc.ts';
import { Button, Field } from '../../ui/form.tsx';
import { Icon } from '../../ui/icons.tsx';
import { Badge, Card, fmtDate, fmtDateTime, Page } from '../../ui/layout.tsx';
import { Empty, ErrorNote, QueryState } from '../../ui/states.tsx';
import { Tabs } from '../../ui/tabs.tsx';
import { useToast } from '../../ui/toast.tsx';
import { STATE_TONE } from '../compliance/privacy.tsx';
import { AccountCard } from '../records/account-card.tsx';
import { NoteCard } from '../records/note-card.tsx';
import { ProfileForm } from '../records/profile-form.tsx';
import { describe, type Item, KIND } from '../records/timeline-items.tsx';
import { IdentifiersCard } from '../shared/identifiers-card.tsx';
import { fullName } from './customers.tsx';

const TIMELINE_FILTERS = [
  'all',
  'purchase',
  'service_case',
  'contact',
  'note',
  'follow_up',
  'loyalty',
] as const;

export function CustomerScreen({ id }: { id: string }) {
  const trpc = useTRPC();
  const customer = useQuery(trpc.customers.get.queryOptions({ id }));
  const [editing, setEditing] = useState(false);
  return (
    <QueryState query={customer} rows={6}>
      {(c) => (
        <Page
          title={fullName(c)}
          crumbs={<Link to="/customers">Customers</Link>}
          subtitle={
            <span>
              Customer no. <code>{c.externalId}</code> · since {fmtDate(c.createdAt)}
            </span>
          }
          actions={
            <Can I="read" a="Interaction">
              <Link className="btn" to={`/customers/${id}/service`}>
                <Icon name="wrench" />
                Service desk
              </Link>
            </Can>
          }
        >
          <div className="split">
            <div className="stack">
              {editing ? (
                <Card title="Edit customer">
                  <ProfileForm customer={c} onDone={() => setEditing(false)} />
                </Card>
              ) : null}
              <Timeline customerId={id} />
            </div>
            <div className="stack">
              <AccountCard customer={c} onEdit={() => setEditing(true)} />
              <Can I="create" a="CustomerNote">
                <NoteCard customerId={id} />
              </Can>
              <IdentifiersCard customer={c} />
              <Card title="Details">
                <dl className="kv">
                  <dt>Address</dt>
                  <dd>
                    {[c.street, [c.postalCode, c.city].filter(Boolean).join(' '), c.country]
                      .filter(Boolean)
                      .join(', ') || '—'}
                  </dd>
                  <dt>Born</dt>
                  <dd>{c.birthDate ?? '—'}</dd>
                  {Object.entries(c.attributes).map(([k, v]) => (
                    <Attribute key={k} name={k} value={v} />
                  ))}
                </dl>
              </Card>
              <Can I="read" a="Consent">
                <Consents customerId={id} />
              </Can>
              <Can I="create" a="FollowUp">
                <PlanFollowUp customerId={id} />
              </Can>
            </div>
          </div>
        </Page>
      )}
    </QueryState>
  );
}

function Attribute({ name, value }: { name: string; value: unknown }) {
  return (
    <>
      <dt>{titleCase(name)}</dt>
      <dd>{String(value)}</dd>
    </>
  );
}

function Timeline({ customerId }: { customerId: string }) {
  const trpc = useTRPC();
  const timeline = useQuery(trpc.customers.timeline.queryOptions({ customerId, limit: 100 }));
  const [filter, setFilter] = useState<Item['type'] | 'all'>('all');
  return (
    <Card
      title="Timeline"
      hint="Purchases, service cases, contacts, notes, social profiles and planned follow-ups, newest first."
    >
      <Tabs
        label="Filter timeline"
        values={TIMELINE_FILTERS}
        value={filter}
        onChange={setFilter}
        text={(k) => (k === 'all' ? 'All' : k === 'loyalty' ? 'Loyalty' : `${KIND[k].label}s`)}
      />
      <QueryState
        query={timeline}
        rows={6}
        isEmpty={(t) => t.length === 0}
        empty={<Empty icon="calendar" title="Nothing on record yet" />}
      >
        {(items) => {
          const shown = items.filter((i) => filter === 'all' || i.type === filter);
          if (shown.length === 0) return <Empty title="Nothing of this kind" />;
          return (
            <ol className="timeline" data-testid="timeline">
              {shown.map((item) => {
                const k = KIND[item.type];
                const d = describe(item);
                return (
                  <li key={`${item.type}-${item.id}`} className="tl-item">
                    <span className={`tl-dot ${k.cls}`} title={k.label}>
                      <Icon name={k.icon} />
                    </span>
                    <div>
                      <div style={{ fontWeight: 550 }}>{d.title}</div>
                      {d.detail ? <div className="small muted">{d.detail}</div> : null}
                      <div className="tl-time">
                        {item.type === 'follow_up' ? `due ${fmtDate(item.at)}` : fmtDateTime(item.at)}
                      </div>
                    </div>
                    <div>{d.side}</div>
                  </li>
                );
              })}
            </ol>
          );
        }}
      </QueryState>
    </Card>
  );
}

function Consents({ customerId }: { customerId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const consent = useQuery(trpc.consent.current.queryOptions({ customerId }));
  // Withdrawing must be as easy as giving consent: customer-facing staff can record it here.
  const withdraw = useMutation(
    trpc.consent.withdraw.mutationOptions({
      onSuccess: async (r) => {
        await queryClient.invalidateQueries({ queryKey: trpc.consent.pathKey() });
        toast(`Consent withdrawn; ${r.withdrawalsQueued} publication removals queued`);
      },
    }),
  );
  const anyGiven = consent.data?.some((s) => s.state === 'given');
  return (
    <Card
      title="Consents"
      hint="Derived from the consent log; partners only ever see people who agreed."
      actions={
        anyGiven ? (
          <Can I="update" a="Consent">
            <Button
              size="sm"
              variant="danger"
              busy={withdraw.isPending}
              onClick={() => {
                if (confirm('Record that this customer withdraws all consent?'))
                  withdraw.mutate({ customerId, collectionMethod: 'phone', source: 'console:customer' });
              }}
            >
              Withdraw all
            </Button>
          </Can>
        ) : null
      }
    >
      {withdraw.isError ? <ErrorNote error={withdraw.error} /> : null}
      <QueryState query={consent} rows={4}>
        {(states) => (
          <ul
            className="stack-sm"
            style={{ listStyle: 'none', margin: 0, padding: 0 }}
            data-testid="consents"
          >
            {states.map((s) => (
              <li key={s.purpose} className="spread small">
                <span>{purposeTitle(s.purpose)}</span>
                <Badge tone={STATE_TONE[s.state]}>{s.state === 'none' ? 'not asked' : s.state}</Badge>
              </li>
            ))}
          </ul>
        )}
      </QueryState>
    </Card>
  );
}

function PlanFollowUp({ customerId }: { customerId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
  const [dueDate, setDueDate] = useState(tomorrow);
  const [channel, setChannel] = useState('phone');
  const [note, setNote] = useState('');
  const create = useMutation(
    trpc.followups.create.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.customers.timeline.pathKey() });
        setNote('');
        toast('Follow-up planned');
      },
    }),
  );
  return (
    <Card title="Plan the next contact">
      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate({ customerId, dueDate, channel, note: note || null });
        }}
      >
        <div className="form-grid">
          <Field label="Due" id="fu-due">
            <input
              id="fu-due"
              className="input"
              type="date"
              value={dueDate}
              onChange={(e) => setDueDate(e.target.value)}
            />
          </Field>
          <Field label="Channel" id="fu-channel">
            <select
              id="fu-channel"
              className="select"
              value={channel}
              onChange={(e) => setChannel(e.target.value)}
            >
              {['phone', 'email', 'branch', 'letter', 'chat'].map((c) => (
                <option key={c}>{c}</option>
              ))}
            </select>
          </Field>
          <Field label="Note" id="fu-note" className="wide">
            <input id="fu-note" className="input" value={note} onChange={(e) => setNote(e.target.value)} />
          </Field>
        </div>
        {create.isError ? <ErrorNote error={create.error} /> : null}
        <div>
          <Button type="submit" busy={create.isPending} icon="calendar">
            Plan follow-up
          </Button>
        </div>
      </form>
    </Card>
  );
}
