// Compliance › Privacy requests › Queue: every data-subject request with its deadline, filters, and the next step
// (carry out, export for access, extend once with a reason). Logging a request: privacy-log-request.tsx.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ExtendRequestForm, REQUEST_KINDS } from '../../forms.ts';
import { titleCase } from '../../labels.ts';
import { Link } from '../../router.tsx';
import { type RouterOutputs, useTRPC } from '../../trpc.ts';
import { downloadText } from '../../ui/download.ts';
import { Button, TextField, useZodForm } from '../../ui/form.tsx';
import { InlineSelect } from '../../ui/inline-select.tsx';
import { Badge, Card, fmtDate, fmtDateTime } from '../../ui/layout.tsx';
import { Empty, ErrorNote, QueryState } from '../../ui/states.tsx';
import { type Column, Table } from '../../ui/table.tsx';
import { useToast } from '../../ui/toast.tsx';

type Request = RouterOutputs['privacy']['requests']['list'][number];
const STATUS_FILTERS = {
  active: ['open', 'waiting_propagation'],
  completed: ['completed'],
  all: undefined,
} as const;
const DAY = 86_400_000;

function Deadline({ r }: { r: Request }) {
  if (r.status === 'completed') return <span className="small muted">{fmtDate(r.deadline)}</span>;
  const days = Math.ceil((new Date(r.deadline).getTime() - Date.now()) / DAY);
  return (
    <span className="small">
      {fmtDate(r.deadline)}{' '}
      {r.overdue ? (
        <Badge tone="danger">overdue</Badge>
      ) : (
        <Badge tone={days <= 7 ? 'warn' : 'neutral'}>{days} d</Badge>
      )}
      {r.extendedDueAt ? <Badge tone="brand">extended</Badge> : null}
    </span>
  );
}

export function useInvalidateQueue() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: trpc.privacy.requests.list.queryKey() });
}

type StatusFilter = keyof typeof STATUS_FILTERS;
const STATUS_OPTIONS: [StatusFilter, string][] = [
  ['active', 'Open or waiting'],
  ['completed', 'Completed'],
  ['all', 'All'],
];
const KIND_OPTIONS: [string, string][] = [
  ['', 'All kinds'],
  ...REQUEST_KINDS.map((k): [string, string] => [k, titleCase(k)]),
];

export function RequestQueue() {
  const trpc = useTRPC();
  const [status, setStatus] = useState<StatusFilter>('active');
  const [kind, setKind] = useState('');
  const [overdue, setOverdue] = useState(false);
  const [extending, setExtending] = useState<string | null>(null);
  const statuses = STATUS_FILTERS[status];
  const queue = useQuery(
    trpc.privacy.requests.list.queryOptions(
      {
        limit: 200,
        ...(statuses ? { status: [...statuses] } : {}),
        ...(kind ? { kind: [kind as Request['kind']] } : {}),
        ...(overdue ? { overdue: true } : {}),
      },
      { placeholderData: keepPreviousData, refetchInterval: 5_000 },
    ),
  );
  const { carryOut, exportAccess } = useQueueActions();
  const columns = queueColumns({
    onExport: (id) => exportAccess.mutate({ id }),
    onCarryOut: (id) => carryOut.mutate({ id }),
    onExtend: setExtending,
  });
  return (
    <Card
      title="Request queue"
      hint="Soonest deadline first. A request completes only when every publication and list has dropped the person."
      flush
      actions={
        <div className="row">
          <InlineSelect
            label="Status"
            width={150}
            value={status}
            onChange={setStatus}
            options={STATUS_OPTIONS}
          />
          <InlineSelect label="Kind" width={150} value={kind} onChange={setKind} options={KIND_OPTIONS} />
          <label className="row small">
            <input type="checkbox" checked={overdue} onChange={(e) => setOverdue(e.target.checked)} /> Overdue
            only
          </label>
        </div>
      }
    >
      {carryOut.isError ? <ErrorNote error={carryOut.error} /> : null}
      {exportAccess.isError ? <ErrorNote error={exportAccess.error} /> : null}
      {extending ? <ExtendForm id={extending} onDone={() => setExtending(null)} /> : null}
      <QueryState
        query={queue}
        isEmpty={(rows) => rows.length === 0}
        empty={<Empty icon="inbox" title="No requests here" />}
      >
        {(rows) => (
          <Table
            caption="Privacy request queue"
            testId="request-queue"
            rows={rows}
            rowKey={(r) => r.id}
            columns={columns}
          />
        )}
      </QueryState>
    </Card>
  );
}

/** Carry out a request, or (for access) download its export; both refresh the queue. */
function useQueueActions() {
  const trpc = useTRPC();
  const invalidate = useInvalidateQueue();
  const toast = useToast();
  const carryOut = useMutation(
    trpc.privacy.requests.carryOut.mutationOptions({
      onSuccess: async () => {
        await invalidate();
        toast('Carried out');
      },
    }),
  );
  const exportAccess = useMutation(
    trpc.privacy.requests.exportAccess.mutationOptions({
      onSuccess: async (out) => {
        downloadText(`access-export-${out.requestId}.json`, JSON.stringify(out, null, 2), 'application/json');
        await invalidate();
        toast('Access export downloaded');
      },
    }),
  );
  return { carryOut, exportAccess };
}

function queueColumns(act: {
  onExport: (id: string) => void;
  onCarryOut: (id: string) => void;
  onExtend: (id: string) => void;
}): Column<Request>[] {
  return [
    { key: 'deadline', header: 'Deadline', cell: (r) => <Deadline r={r} /> },
    { key: 'kind', header: 'Kind', cell: (r) => titleCase(r.kind) },
    {
      key: 'who',
      header: 'Person',
      cell: (r) =>
        r.customerExternalId ? (
          <Link to={`/compliance/privacy?customer=${r.customerId}`}>{r.customerExternalId}</Link>
        ) : (
          <span className="muted small">erased</span>
        ),
    },
    { key: 'channel', header: 'Channel', cell: (r) => <span className="small">{titleCase(r.channel)}</span> },
    { key: 'ref', header: 'Reference', cell: (r) => <code className="small">{r.reference ?? '—'}</code> },
    {
      key: 'received',
      header: 'Received',
      cell: (r) => <span className="small">{fmtDateTime(r.receivedAt)}</span>,
    },
    { key: 'status', header: 'Status', cell: (r) => <RequestStatus r={r} /> },
    { key: 'owner', header: 'Owner', cell: (r) => <span className="small">{r.ownerEmail ?? '—'}</span> },
    {
      key: 'act',
      header: <span className="sr-only">Actions</span>,
      cell: (r) =>
        r.status !== 'open' ? null : (
          <div className="row">
            {r.kind === 'access' ? (
              <Button size="sm" variant="primary" onClick={() => act.onExport(r.id)}>
                Export
              </Button>
            ) : (
              <Button size="sm" variant="primary" onClick={() => act.onCarryOut(r.id)}>
                Carry out
              </Button>
            )}
            {r.extendedDueAt || r.overdue ? null : (
              <Button size="sm" onClick={() => act.onExtend(r.id)}>
                Extend
              </Button>
            )}
          </div>
        ),
    },
  ];
}

function RequestStatus({ r }: { r: Request }) {
  if (r.status === 'completed')
    return (
      <span className="small">
        <Badge tone="ok">completed</Badge> {fmtDateTime(r.completedAt)}
      </span>
    );
  return r.status === 'waiting_propagation' ? (
    <Badge tone="warn">waiting for partners</Badge>
  ) : (
    <Badge>open</Badge>
  );
}

function ExtendForm({ id, onDone }: { id: string; onDone: () => void }) {
  const trpc = useTRPC();
  const invalidate = useInvalidateQueue();
  const form = useZodForm(ExtendRequestForm, { reason: '' });
  const extend = useMutation(
    trpc.privacy.requests.extend.mutationOptions({
      onSuccess: async () => {
        await invalidate();
        onDone();
      },
      onError: (e) => form.showServerError(e),
    }),
  );
  return (
    <form
      className="row"
      style={{ padding: 'var(--s4)' }}
      onSubmit={form.submit((d) => extend.mutate({ id, ...d }))}
      noValidate
    >
      <TextField form={form} name="reason" label="Why two more months? (once only)" />
      <Button type="submit" variant="primary" busy={extend.isPending}>
        Extend deadline
      </Button>
      <Button onClick={onDone}>Cancel</Button>
      {extend.isError ? <ErrorNote error={extend.error} /> : null}
    </form>
  );
}
