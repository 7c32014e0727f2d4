// Admin › Imports: upload customer, purchase, interaction or consent CSVs with live progress and a per-row error report.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Can } from '../../ability.tsx';
import { useTRPC } from '../../trpc.ts';
import { useClientTable } from '../../ui/client-table.ts';
import { Button, Field } from '../../ui/form.tsx';
import { Badge, Card, fmtDateTime, fmtNumber, Page } from '../../ui/layout.tsx';
import { Pager } from '../../ui/pager.tsx';
import { Empty, ErrorNote, QueryState } from '../../ui/states.tsx';
import { type Column, Table } from '../../ui/table.tsx';
import { ColumnMapper, type Mapping, readHeader } from './import-mapping.tsx';
import { ConsentResult, Progress, RowErrors, STATUS_TONE } from './import-results.tsx';
import { type Kind, type Summary, uploadCsv } from './import-upload.ts';

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

export function ImportsScreen() {
  const [openId, setOpenId] = useState<string | null>(null);
  return (
    <Page
      title="Imports"
      subtitle="Load CSV exports from your systems. Good rows land in committed batches; every bad row is kept with its line number and reason."
    >
      <Can I="create" a="Import">
        <UploadCard onOpen={setOpenId} />
      </Can>
      {openId ? <RowErrors id={openId} /> : null}
      <ImportHistory onOpen={setOpenId} />
    </Page>
  );
}

/** The upload, its live progress and the consent import's result; `onOpen` shows an import's rejected rows. */
function useImport(onOpen: (id: string | null) => void) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [progress, setProgress] = useState<Summary | null>(null);
  const upload = useMutation({
    mutationFn: (args: { kind: Exclude<Kind, 'consents'>; file: File; mapping: Mapping }) =>
      uploadCsv(args.kind, args.file, args.mapping, (e) => e.import && setProgress(e.import)),
    // The result stays in the progress panel (a status region) rather than a toast over the tables below.
    onSuccess: async (s) => {
      await queryClient.invalidateQueries({ queryKey: trpc.imports.pathKey() });
      onOpen(s.id);
    },
  });
  const consents = useMutation(trpc.consent.import.mutationOptions());
  const start = async (kind: Kind, file: File, mapping: Mapping) => {
    setProgress(null);
    onOpen(null);
    consents.reset();
    upload.reset();
    if (kind === 'consents') consents.mutate({ fileName: file.name, csv: await file.text() });
    else upload.mutate({ kind, file, mapping });
  };
  return { upload, consents, progress, start, busy: upload.isPending || consents.isPending };
}

function UploadCard({ onOpen }: { onOpen: (id: string | null) => void }) {
  const [kind, setKind] = useState<Kind>('customers');
  const [file, setFile] = useState<File | null>(null);
  const [header, setHeader] = useState<string[]>([]);
  const [mapping, setMapping] = useState<Mapping>({});
  const { upload, consents, progress, start, busy } = useImport(onOpen);
  const pick = async (f: File | null) => {
    setFile(f);
    setMapping({});
    setHeader(f ? readHeader(await f.slice(0, 65_536).text()) : []);
  };
  return (
    <Card title="Upload a CSV">
      <div className="stack">
        <div className="form-grid">
          <KindSelect
            kind={kind}
            onChange={(k) => {
              setKind(k);
              setMapping({});
            }}
          />
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
            onClick={() => file && void start(kind, file, mapping)}
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
  );
}

function KindSelect({ kind, onChange }: { kind: Kind; onChange: (kind: Kind) => void }) {
  return (
    <Field label="What is in the file" id="imp-kind" hint={KINDS.find((k) => k.value === kind)?.hint}>
      <select
        id="imp-kind"
        className="select"
        value={kind}
        onChange={(e) => onChange(e.target.value as Kind)}
      >
        {KINDS.map((k) => (
          <option key={k.value} value={k.value}>
            {k.label}
          </option>
        ))}
      </select>
    </Field>
  );
}

function ImportHistory({ onOpen }: { onOpen: (id: string) => void }) {
  const trpc = useTRPC();
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
  return (
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
              columns={historyColumns(onOpen)}
            />
            <Pager {...table.pager} noun="imports" />
          </>
        )}
      </QueryState>
    </Card>
  );
}

function historyColumns(onOpen: (id: string) => void): Column<Summary>[] {
  return [
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
            onClick={() => onOpen(i.id)}
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
  ];
}
