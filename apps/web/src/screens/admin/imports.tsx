// Admin › Imports: upload customer, purchase, interaction or consent CSVs with live progress and a per-row error report.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Can } from '../../ability.tsx';
import { CONSOLE_HEADERS, type RouterOutputs, useTRPC } from '../../trpc.ts';
import { Button, Field } from '../../ui/form.tsx';
import { Badge, Card, fmtDateTime, fmtNumber, Page, type Tone } from '../../ui/layout.tsx';
import { Empty, ErrorNote, Notice, QueryState } from '../../ui/states.tsx';
import { Table } from '../../ui/table.tsx';
import { useToast } from '../../ui/toast.tsx';

type Summary = RouterOutputs['imports']['get'];
type Kind = 'customers' | 'purchases' | 'interactions' | 'consents';

const KINDS: { value: Kind; label: string; hint: string }[] = [
  {
    value: 'customers',
    label: 'Customers',
    hint: 'external_id, first_name, last_name, email(s), phone(s), address…',
  },
  {
    value: 'purchases',
    label: 'Purchases',
    hint: 'customer_external_id, product, category, price, purchased_at…',
  },
  {
    value: 'interactions',
    label: 'Service cases and contacts',
    hint: 'customer_external_id, kind, occurred_at, channel…',
  },
  {
    value: 'consents',
    label: 'Consents',
    hint: 'customer_external_id, purpose, state, captured_at, recipient_industries…',
  },
];

const STATUS_TONE: Record<string, Tone> = {
  running: 'brand',
  completed: 'ok',
  failed: 'danger',
  interrupted: 'warn',
};

interface StreamEvent {
  type: 'started' | 'progress' | 'done' | 'error';
  import?: Summary;
  error?: { code: string; message: string };
}

/** Streams the file to the node's upload route and reports each NDJSON progress line. */
async function uploadCsv(
  kind: Exclude<Kind, 'consents'>,
  file: File,
  onEvent: (e: StreamEvent) => void,
): Promise<Summary> {
  const res = await fetch(`/api/imports/${kind}?fileName=${encodeURIComponent(file.name)}`, {
    method: 'POST',
    body: file,
    headers: { 'content-type': 'text/csv', ...CONSOLE_HEADERS },
    credentials: 'same-origin',
  });
  if (!res.ok || !res.body) {
    const body = (await res.json().catch(() => null)) as { error?: { code: string; message: string } } | null;
    throw Object.assign(new Error(body?.error?.message ?? `upload failed (${res.status})`), {
      data: { concordCode: body?.error?.code ?? 'INTERNAL' },
    });
  }
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let last: Summary | undefined;
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += value;
    const lines = buffer.split('\n');
    buffer = lines.pop() ?? '';
    for (const line of lines) {
      if (!line.trim()) continue;
      const event = JSON.parse(line) as StreamEvent;
      onEvent(event);
      if (event.import) last = event.import;
      if (event.type === 'error')
        throw Object.assign(new Error(event.error?.message ?? 'import failed'), {
          data: { concordCode: event.error?.code },
        });
    }
  }
  if (!last) throw new Error('the node ended the upload without a summary');
  return last;
}

export function ImportsScreen() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const [kind, setKind] = useState<Kind>('customers');
  const [file, setFile] = useState<File | null>(null);
  const [progress, setProgress] = useState<Summary | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  const history = useQuery(trpc.imports.list.queryOptions({ limit: 20 }));
  const upload = useMutation({
    mutationFn: (args: { kind: Exclude<Kind, 'consents'>; file: File }) =>
      uploadCsv(args.kind, args.file, (e) => e.import && setProgress(e.import)),
    onSuccess: async (s) => {
      await queryClient.invalidateQueries({ queryKey: trpc.imports.pathKey() });
      setOpenId(s.id);
      toast(
        `${s.fileName ?? 'File'} imported: ${fmtNumber(s.inserted + s.updated)} rows, ${fmtNumber(s.failed)} rejected`,
      );
    },
  });
  const consents = useMutation(trpc.consent.import.mutationOptions());
  const start = async () => {
    if (!file) return;
    setProgress(null);
    setOpenId(null);
    consents.reset();
    upload.reset();
    if (kind === 'consents') consents.mutate({ fileName: file.name, csv: await file.text() });
    else upload.mutate({ kind, file });
  };
  const busy = upload.isPending || consents.isPending;
  return (
    <Page
      title="Imports"
      subtitle="Load CSV exports from your systems. Good rows land in committed batches; every bad row is kept with its line number and reason."
    >
      <Can I="create" a="Import">
        <Card title="Upload a CSV">
          <div className="stack">
            <div className="form-grid">
              <Field
                label="What is in the file"
                id="imp-kind"
                hint={KINDS.find((k) => k.value === kind)?.hint}
              >
                <select
                  id="imp-kind"
                  className="select"
                  value={kind}
                  onChange={(e) => setKind(e.target.value as Kind)}
                >
                  {KINDS.map((k) => (
                    <option key={k.value} value={k.value}>
                      {k.label}
                    </option>
                  ))}
                </select>
              </Field>
              <Field label="CSV file" id="imp-file" hint="UTF-8 CSV with a header row.">
                <input
                  id="imp-file"
                  className="input"
                  type="file"
                  accept=".csv,text/csv"
                  style={{ paddingTop: 6 }}
                  onChange={(e) => setFile(e.target.files?.[0] ?? null)}
                />
              </Field>
            </div>
            <div>
              <Button
                variant="primary"
                icon="upload"
                busy={busy}
                disabled={!file}
                onClick={() => void start()}
              >
                Import
              </Button>
            </div>
            {upload.isError ? <ErrorNote error={upload.error} /> : null}
            {consents.isError ? <ErrorNote error={consents.error} /> : null}
            {progress && (upload.isPending || upload.isSuccess) ? <Progress s={progress} /> : null}
            {consents.data ? <ConsentResult r={consents.data} /> : null}
          </div>
        </Card>
      </Can>
      {openId ? <RowErrors id={openId} /> : null}
      <Card title="Recent imports" flush>
        <QueryState
          query={history}
          isEmpty={(h) => h.length === 0}
          empty={<Empty icon="upload" title="No imports yet" />}
        >
          {(rows) => (
            <Table
              caption="Recent imports"
              testId="imports-table"
              rows={rows}
              rowKey={(i) => i.id}
              columns={[
                {
                  key: 'file',
                  header: 'File',
                  cell: (i) => (
                    <div>
                      <div style={{ fontWeight: 550 }}>{i.fileName ?? 'upload'}</div>
                      <div className="small muted">{i.kind}</div>
                    </div>
                  ),
                },
                {
                  key: 'status',
                  header: 'Status',
                  cell: (i) => <Badge tone={STATUS_TONE[i.status]}>{i.status}</Badge>,
                },
                {
                  key: 'ok',
                  header: 'Loaded',
                  align: 'right',
                  cell: (i) => fmtNumber(i.inserted + i.updated + i.unchanged),
                },
                {
                  key: 'bad',
                  header: 'Rejected',
                  align: 'right',
                  cell: (i) =>
                    i.failed > 0 ? (
                      <button
                        type="button"
                        className="btn btn-ghost btn-sm"
                        style={{ color: 'var(--danger)' }}
                        onClick={() => setOpenId(i.id)}
                      >
                        {fmtNumber(i.failed)} rows
                      </button>
                    ) : (
                      '0'
                    ),
                },
                {
                  key: 'at',
                  header: 'Started',
                  cell: (i) => <span className="small">{fmtDateTime(i.startedAt)}</span>,
                },
              ]}
            />
          )}
        </QueryState>
      </Card>
    </Page>
  );
}

function Progress({ s }: { s: Summary }) {
  const done = s.status !== 'running';
  return (
    <div className="stack-sm" data-testid="import-progress">
      <div className="spread small">
        <span>
          <Badge tone={STATUS_TONE[s.status]}>{s.status}</Badge> {fmtNumber(s.rowsRead)} rows read
        </span>
        <span className="muted">
          {fmtNumber(s.inserted)} new · {fmtNumber(s.updated)} updated · {fmtNumber(s.unchanged)} unchanged ·{' '}
          <strong style={{ color: s.failed ? 'var(--danger)' : undefined }} data-testid="import-failed">
            {fmtNumber(s.failed)} rejected
          </strong>
        </span>
      </div>
      <div
        className="progress"
        role="progressbar"
        aria-label="Import progress"
        aria-valuenow={done ? 100 : undefined}
      >
        <span style={{ width: done ? '100%' : '60%' }} />
      </div>
      {s.error ? (
        <Notice tone="danger" title="The file was refused">
          {s.error}
        </Notice>
      ) : null}
    </div>
  );
}

function RowErrors({ id }: { id: string }) {
  const trpc = useTRPC();
  const errors = useQuery(trpc.imports.errors.queryOptions({ id, limit: 200 }));
  return (
    <Card
      title="Rejected rows"
      hint="Fix these lines in the source file and import it again; good rows are already in."
      flush
    >
      <QueryState
        query={errors}
        isEmpty={(e) => e.length === 0}
        empty={<Empty icon="checkCircle" title="No rejected rows" />}
      >
        {(rows) => (
          <Table
            caption="Rejected rows"
            testId="import-errors"
            rows={rows}
            rowKey={(e) => `${e.line}-${e.field}`}
            columns={[
              { key: 'line', header: 'Line', cell: (e) => <span className="num">{e.line}</span> },
              { key: 'field', header: 'Column', cell: (e) => (e.field ? <code>{e.field}</code> : '—') },
              { key: 'reason', header: 'Problem', cell: (e) => e.reason },
            ]}
          />
        )}
      </QueryState>
    </Card>
  );
}

function ConsentResult({ r }: { r: RouterOutputs['consent']['import'] }) {
  return (
    <div className="stack-sm" data-testid="consent-import">
      {r.error ? (
        <Notice tone="danger" title="The file was refused">
          {r.error}
        </Notice>
      ) : (
        <Notice
          tone={r.failed ? 'warn' : 'ok'}
          title={`${fmtNumber(r.recorded)} consent events recorded, ${fmtNumber(r.failed)} rows rejected`}
        >
          {r.withdrawalsQueued
            ? `${fmtNumber(r.withdrawalsQueued)} withdrawals queued for the clean room.`
            : null}
        </Notice>
      )}
      {r.errors.length > 0 ? (
        <Table
          caption="Rejected consent rows"
          testId="import-errors"
          rows={r.errors}
          rowKey={(e) => `${e.line}-${e.field}`}
          columns={[
            { key: 'line', header: 'Line', cell: (e) => <span className="num">{e.line}</span> },
            { key: 'field', header: 'Column', cell: (e) => (e.field ? <code>{e.field}</code> : '—') },
            { key: 'reason', header: 'Problem', cell: (e) => e.reason },
          ]}
        />
      ) : null}
    </div>
  );
}
