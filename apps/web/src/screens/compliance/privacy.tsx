// Compliance › Privacy requests: a person's consent state and data trail (Art. 15/19), withdrawal, and erasure (Art. 17).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Can } from '../../ability.tsx';
import { PURPOSES, purposeTitle, reasonLabel, titleCase } from '../../labels.ts';
import { navigate, useLocation } from '../../router.tsx';
import { type RouterOutputs, useTRPC } from '../../trpc.ts';
import { Button, Field } from '../../ui/form.tsx';
import { Badge, Card, fmtDateTime, Page, Stat, type Tone } from '../../ui/layout.tsx';
import { Empty, ErrorNote, Notice, QueryState } from '../../ui/states.tsx';
import { Table } from '../../ui/table.tsx';
import { useToast } from '../../ui/toast.tsx';
import { fullName } from '../marketer/customers.tsx';
import { CustomerPicker } from '../shared/customer-picker.tsx';
import { LogRequest } from './privacy-log-request.tsx';
import { RequestQueue } from './privacy-queue.tsx';

type Report = RouterOutputs['privacy']['report'];

export const STATE_TONE: Record<string, Tone> = {
  given: 'ok',
  refused: 'danger',
  withdrawn: 'danger',
  expired: 'warn',
  none: 'neutral',
};

export function PrivacyScreen() {
  const { query } = useLocation();
  const customerId = query.get('customer');
  return (
    <Page
      title="Privacy requests"
      subtitle="The queue of data-subject requests with their legal deadlines; find a person to see where their data went, log a request, withdraw their consent or erase them."
    >
      <RequestQueue />
      <CustomerPicker
        label="Find the person"
        onPick={(id) => navigate(`/compliance/privacy?customer=${encodeURIComponent(id)}`)}
      />
      {customerId ? <PersonReport key={customerId} customerId={customerId} /> : null}
      {customerId ? <LogRequest key={`log-${customerId}`} customerId={customerId} /> : null}
    </Page>
  );
}

function PersonReport({ customerId }: { customerId: string }) {
  const trpc = useTRPC();
  // While withdrawals are still travelling to the clean room, keep the trail fresh.
  const report = useQuery(
    trpc.privacy.report.queryOptions(
      { customerId },
      { refetchInterval: (q) => (q.state.data && q.state.data.trail.pendingWithdrawals > 0 ? 1000 : false) },
    ),
  );
  const person = useQuery(trpc.customers.get.queryOptions({ id: customerId }, { retry: false }));
  return (
    <QueryState query={report} rows={5}>
      {(r) => (
        <>
          <h2 data-testid="privacy-person">
            {person.data
              ? `${fullName(person.data)} · ${person.data.externalId}`
              : r.exists
                ? 'Customer'
                : 'Erased customer'}{' '}
            <code className="muted small">{customerId}</code>
          </h2>
          {r.erasure ? (
            <Notice tone="warn" title={`Erased on ${fmtDateTime(r.erasure.erasedAt)}`}>
              Only a tombstone and the trail below (ids, no personal data) remain
              {r.erasure.requestRef ? ` · request ${r.erasure.requestRef}` : ''}.
            </Notice>
          ) : null}
          <div className="grid-3">
            <Stat
              label="Publications that held this person"
              value={r.trail.publications.length}
              testId="trail-publications"
            />
            <Stat label="Audience lists" value={r.trail.lists.length} />
            <Stat
              label="Withdrawals still travelling"
              value={r.trail.pendingWithdrawals}
              foot={
                r.trail.pendingWithdrawals === 0
                  ? 'Everything has reached the clean room'
                  : 'Queued for the clean room'
              }
              testId="trail-pending"
            />
          </div>
          <Trail report={r} />
          <div className="split">
            <ConsentHistory report={r} />
            {r.exists ? <Actions customerId={customerId} /> : null}
          </div>
        </>
      )}
    </QueryState>
  );
}

function Trail({ report }: { report: Report }) {
  const rows = [
    ...report.trail.publications.map((p) => ({
      id: `p-${p.publicationId}`,
      what: `Published in “${p.segmentName}”`,
      where: p.collaborationName,
      who: p.recipients.join(', '),
      from: p.publishedAt,
      removedAt: p.removedAt,
      removedReason: p.removedReason,
    })),
    ...report.trail.lists.map((l) => ({
      id: `l-${l.listId}`,
      what: `In audience list “${l.listName}”`,
      where: l.collaborationName,
      who: 'this company',
      from: l.receivedAt,
      removedAt: l.removedAt,
      removedReason: l.removedReason,
    })),
  ];
  return (
    <Card
      title="Where this person's data went"
      hint="Tokenized identifiers only; partners never received names, emails or phone numbers."
      flush
    >
      <Table
        caption="Data trail"
        testId="data-trail"
        rows={rows}
        rowKey={(r) => r.id}
        empty={
          <Empty
            icon="shield"
            title="Never shared"
            hint="This person was in no publication or audience list."
          />
        }
        columns={[
          { key: 'what', header: 'What', cell: (r) => <span style={{ fontWeight: 550 }}>{r.what}</span> },
          { key: 'where', header: 'Collaboration', cell: (r) => r.where },
          { key: 'who', header: 'Could be matched by', cell: (r) => <span className="small">{r.who}</span> },
          { key: 'from', header: 'Since', cell: (r) => <span className="small">{fmtDateTime(r.from)}</span> },
          {
            key: 'removed',
            header: 'Removed',
            cell: (r) =>
              r.removedAt ? (
                <span className="small">
                  <Badge tone="ok">removed</Badge> {fmtDateTime(r.removedAt)}
                  {r.removedReason ? <span className="muted"> · {reasonLabel(r.removedReason)}</span> : null}
                </span>
              ) : (
                <Badge tone="warn">still there</Badge>
              ),
          },
        ]}
      />
    </Card>
  );
}

function ConsentHistory({ report }: { report: Report }) {
  return (
    <Card title="Consent history" hint="Append-only; newest first." flush>
      <Table
        caption="Consent events"
        rows={report.consentHistory}
        rowKey={(e) => String(e.id)}
        empty={<Empty title="No consent events" />}
        columns={[
          { key: 'purpose', header: 'Purpose', cell: (e) => purposeTitle(e.purpose) },
          { key: 'state', header: 'State', cell: (e) => <Badge tone={STATE_TONE[e.state]}>{e.state}</Badge> },
          {
            key: 'how',
            header: 'How',
            cell: (e) => (
              <span className="small">
                {titleCase(e.collectionMethod)} · {e.source}
              </span>
            ),
          },
          {
            key: 'at',
            header: 'Captured',
            cell: (e) => <span className="small">{fmtDateTime(e.capturedAt)}</span>,
          },
        ]}
      />
    </Card>
  );
}

function Actions({ customerId }: { customerId: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [purposes, setPurposes] = useState<string[]>([]);
  const [requestRef, setRequestRef] = useState('');
  const refresh = () =>
    queryClient.invalidateQueries({ queryKey: trpc.privacy.report.queryKey({ customerId }) });
  const withdraw = useMutation(
    trpc.consent.withdraw.mutationOptions({
      onSuccess: async (r) => {
        await refresh();
        toast(`Consent withdrawn; ${r.withdrawalsQueued} publication removals queued`);
      },
    }),
  );
  const erase = useMutation(
    trpc.privacy.erase.mutationOptions({
      onSuccess: async () => {
        await refresh();
        toast('Erased. The data trail stays as proof.');
      },
    }),
  );
  const topLevel = PURPOSES.filter((p) => !p.id.includes('.'));
  return (
    <div className="stack">
      <Can I="update" a="Consent">
        <Card
          title="Withdraw consent"
          hint="Effective now; the person leaves every publication that relied on it."
        >
          <div className="stack">
            <fieldset>
              <legend>Purposes (none chosen = everything)</legend>
              <div className="stack-sm">
                {topLevel.map((p) => (
                  <label key={p.id} className="check">
                    <input
                      type="checkbox"
                      checked={purposes.includes(p.id)}
                      onChange={() =>
                        setPurposes((x) => (x.includes(p.id) ? x.filter((y) => y !== p.id) : [...x, p.id]))
                      }
                    />
                    {p.title}
                  </label>
                ))}
              </div>
            </fieldset>
            {withdraw.isError ? <ErrorNote error={withdraw.error} /> : null}
            <Button
              variant="primary"
              busy={withdraw.isPending}
              onClick={() =>
                withdraw.mutate({
                  customerId,
                  collectionMethod: 'phone',
                  source: 'console:privacy-request',
                  ...(purposes.length ? { purposes } : {}),
                })
              }
            >
              {purposes.length ? 'Withdraw chosen purposes' : 'Withdraw all consent'}
            </Button>
          </div>
        </Card>
      </Can>
      <Can I="erase" a="Customer">
        <Card
          title="Erase this person"
          hint="Art. 17: deletes the customer, their history and every token published for them."
        >
          <div className="stack">
            <Field
              label="Request reference"
              id="erase-ref"
              hint="Ticket or letter id, kept with the tombstone."
            >
              <input
                id="erase-ref"
                className="input"
                value={requestRef}
                onChange={(e) => setRequestRef(e.target.value)}
              />
            </Field>
            {erase.isError ? <ErrorNote error={erase.error} /> : null}
            <Button
              variant="danger"
              busy={erase.isPending}
              onClick={() => {
                if (confirm('Erase this person for good? This cannot be undone.'))
                  erase.mutate({ customerId, requestRef: requestRef || null });
              }}
            >
              Erase permanently
            </Button>
          </div>
        </Card>
      </Can>
    </div>
  );
}
