// Admin › Imports: upload customer, purchase, interaction or consent CSVs with live progress and a per-row error report.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Can } from '../../ability.tsx';
import { CONSOLE_HEADERS, type RouterOutputs, useTRPC } from '../../trpc.ts';
import { useClientTable } from '../../ui/client-table.ts';
import { Button, Field } from '../../ui/form.tsx';
import { Badge, Card, fmtDateTime, fmtNumber, Page } from '../../ui/layout.tsx';
import { Pager } from '../../ui/pager.tsx';
import { Empty, ErrorNote, QueryState } from '../../ui/states.tsx';
import { Table } from '../../ui/table.tsx';
import { ColumnMapper, type Mapping, readHeader } from './import-mapping.tsx';
import { ConsentResult, Progress, RowErrors, STATUS_TONE } from './import-results.tsx';

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

interface StreamEvent {
  type: 'started' | 'progress' | 'done' | 'error';
  import?: Summary;
  error?: { code: string; message: string };
}

/** Streams the file to the node's upload route and reports each NDJSON progress line. */
async function uploadCsv(
  kind: Exclude<Kind, 'consents'>,
  file: File,
  mapping: Mapping,
  onEvent: (e: StreamEvent) => void,
): Promise<Summary> {
  const params = new URLSearchParams({ fileName: file.name });
  if (Object.keys(mapping).length > 0) params.set('mapping', JSON.stringify(mapping));
  const res = await fetch(`/api/imports/${kind}?${params}`, {
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
  const [kind, setKind] = useState<Kind>('customers');
  const [file, setFile] = useState<File | null>(null);
  const [header, setHeader] = useState<string[]>([]);
  const [mapping, setMapping] = useState<Mapping>({});
  const [progress, setProgress] = useState<Summary | null>(null);
  const [openId, setOpenId] = useState<string | null>(null);
  const history = useQuery(trpc.imports.list.queryOptions({ limit: 200 }));
  const table = useClientTable<Summary>(history.data ?? [], {
    sorts: {
      file: (i) => i.fileName,
      status: (i) => i.status,
      loaded: (i) => i.inserted + i.updated + i.unchanged,
      rejected: (i) => i.failed,
      started: (i) => new Date(i.startedAt).getTime(),
    },
    defaultSort: 'started',
    defaultDir: 'desc',
  });
  const upload = useMutation({
    mutationFn: (args: { kind: Exclude<Kind, 'consents'>; file: File; mapping: Mapping }) =>
      uploadCsv(args.kind, args.file, args.mapping, (e) => e.import && setProgress(e.import)),
    // The result stays in the progress panel (a status region) rather than a toast over the tables below.
    onSuccess: async (s) => {
      await queryClient.invalidateQueries({ queryKey: trpc.imports.pathKey() });
      setOpenId(s.id);
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
    else upload.mutate({ kind, file, mapping });
  };
  const pick = async (f: File | null) => {
    setFile(f);
    setMapping({});
    setHeader(f ? readHeader(await f.slice(0, 65_536).text()) : []);
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
                  onChange={(e) => {
                    setKind(e.target.value as Kind);
                    setMapping({});
                  }}
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
                  onChange={(e) => void pick(e.target.files?.[0] ?? null)}
                />
              </Field>
            </div>
            {kind !== 'consents' && header.length > 0 ? (
              <ColumnMapper kind={kind} header={header} mapping={mapping} onChange={setMapping} />
            ) : null}
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
            {progress && (upload.isPending || upload.isSuccess) ? (
              <Progress s={progress} fileSize={file?.size ?? 0} />
            ) : null}
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
          {() => (
            <>
              <Table
                caption="Recent imports"
                testId="imports-table"
                rows={table.rows}
                rowKey={(i) => i.id}
                sort={table.sort}
                columns={[
                  {
                    key: 'file',
                    header: 'File',
                    sort: 'file',
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
                    sort: 'status',
                    cell: (i) => <Badge tone={STATUS_TONE[i.status]}>{i.status}</Badge>,
                  },
                  {
                    key: 'ok',
                    header: 'Loaded',
                    sort: 'loaded',
                    align: 'right',
                    cell: (i) => fmtNumber(i.inserted + i.updated + i.unchanged),
                  },
                  {
                    key: 'bad',
                    header: 'Rejected',
                    sort: 'rejected',
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
                    sort: 'started',
                    cell: (i) => <span className="small">{fmtDateTime(i.startedAt)}</span>,
                  },
                ]}
              />
              <Pager {...table.pager} noun="imports" />
            </>
          )}
        </QueryState>
      </Card>
    </Page>
  );
}
