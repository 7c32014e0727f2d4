// What an import shows while and after it runs: a progress bar (bytes of the file read), the counters, the rejected
// rows with a CSV download (line, column, reason), and the result of a consent import.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type RouterOutputs, useTRPC } from '../../trpc.ts';
import { downloadText } from '../../ui/download.ts';
import { Button } from '../../ui/form.tsx';
import { Badge, Card, fmtNumber, type Tone } from '../../ui/layout.tsx';
import { Empty, Notice, QueryState } from '../../ui/states.tsx';
import { Table } from '../../ui/table.tsx';

type Summary = RouterOutputs['imports']['get'];

export const STATUS_TONE: Record<string, Tone> = {
  running: 'brand',
  completed: 'ok',
  failed: 'danger',
  interrupted: 'warn',
};

export function Progress({ s, fileSize }: { s: Summary; fileSize: number }) {
  const done = s.status !== 'running';
  const pct = done ? 100 : fileSize > 0 ? Math.min(99, Math.round((s.bytesRead / fileSize) * 100)) : 0;
  return (
    <div className="stack-sm" data-testid="import-progress" role="status">
      <div className="spread small">
        <span>
          <Badge tone={STATUS_TONE[s.status]}>{s.status}</Badge> {fmtNumber(s.rowsRead)} rows read · {pct}%
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
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
      >
        <span style={{ width: `${pct}%` }} />
      </div>
      {s.error ? (
        <Notice tone="danger" title="The file was refused">
          {s.error}
        </Notice>
      ) : null}
    </div>
  );
}

const ERROR_COLUMNS = [
  { key: 'line', header: 'Line', cell: (e: { line: number }) => <span className="num">{e.line}</span> },
  {
    key: 'field',
    header: 'Column',
    cell: (e: { field: string | null }) => (e.field ? <code>{e.field}</code> : '—'),
  },
  { key: 'reason', header: 'Problem', cell: (e: { reason: string }) => e.reason },
];

export function RowErrors({ id }: { id: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const errors = useQuery(trpc.imports.errors.queryOptions({ id, limit: 200 }));
  const download = async () => {
    const file = await queryClient.fetchQuery(trpc.imports.rejectedCsv.queryOptions({ id }));
    downloadText(file.filename, file.csv);
  };
  return (
    <Card
      title="Rejected rows"
      hint="Fix these lines in the source file and import it again; good rows are already in."
      actions={
        <Button size="sm" icon="download" onClick={() => void download()} data-testid="download-rejected">
          Download rejected rows (CSV)
        </Button>
      }
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
            columns={ERROR_COLUMNS}
          />
        )}
      </QueryState>
    </Card>
  );
}

export function ConsentResult({ r }: { r: RouterOutputs['consent']['import'] }) {
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
          columns={ERROR_COLUMNS}
        />
      ) : null}
    </div>
  );
}
