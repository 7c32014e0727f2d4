// Compliance › Audit log: the hash-chained record of every consent, rule, approval, publication, match and export.
import { SUBJECTS as ACCESS_SUBJECTS } from '@concord/access';
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { Can } from '../../ability.tsx';
import { type RouterOutputs, useTRPC } from '../../trpc.ts';
import { Button } from '../../ui/form.tsx';
import { InlineSelect } from '../../ui/inline-select.tsx';
import { Badge, Card, fmtDateTime, fmtNumber, Page } from '../../ui/layout.tsx';
import { PAGE_SIZES, Pager } from '../../ui/pager.tsx';
import { Empty, ErrorNote, Loading, Notice } from '../../ui/states.tsx';
import { type Column, Table } from '../../ui/table.tsx';
import { intParam, type TableUrl, useTableUrl } from '../../ui/url-state.ts';

const BREAK: Record<string, string> = {
  hash_mismatch: 'the event was edited after it was written',
  prev_hash_mismatch: 'the previous event was edited and re-hashed, or the chain was rewritten',
  missing_event: 'an event was deleted',
};

// The subjects the node writes audit events for, in @concord/access order ('' = all): Consent … AudienceList is one
// contiguous run there, so slicing it keeps a single source of the names.
const SUBJECTS: readonly string[] = [
  '',
  ...ACCESS_SUBJECTS.slice(ACCESS_SUBJECTS.indexOf('Consent'), ACCESS_SUBJECTS.indexOf('AudienceList') + 1),
  'Customer',
  'User',
];

/** The page, page size and subject filter from the URL (Back, reload and a shared link keep them). */
function pageOf(url: TableUrl) {
  const size = intParam(url.get('size'), 50);
  const pageSize = (PAGE_SIZES as readonly number[]).includes(size) ? size : 50;
  const subject = url.get('subject');
  const subjectType = subject && SUBJECTS.includes(subject) ? subject : '';
  return { page: intParam(url.get('page'), 1), pageSize, subjectType };
}

type AuditEvent = RouterOutputs['audit']['list']['items'][number];
type VerifyReport = RouterOutputs['audit']['verify'];

export function AuditScreen() {
  const trpc = useTRPC();
  const verify = useMutation(trpc.audit.verify.mutationOptions());
  return (
    <Page
      title="Audit log"
      subtitle="Append-only and hash-chained: each event's hash covers the previous one, so any edit or deletion breaks the chain at a named link."
      actions={
        <Can I="verify" a="AuditLog">
          <Button variant="primary" icon="shield" busy={verify.isPending} onClick={() => verify.mutate()}>
            Verify chain
          </Button>
        </Can>
      }
    >
      {verify.isError ? <ErrorNote error={verify.error} /> : null}
      {verify.data ? <VerifyResult report={verify.data} /> : null}
      <AuditEvents />
    </Page>
  );
}

function VerifyResult({ report }: { report: VerifyReport }) {
  return report.ok ? (
    <Notice tone="ok" title={`Chain intact — ${fmtNumber(report.events)} events verified`}>
      Head hash <code>{report.head ?? '—'}</code>. Record it outside the node to detect a truncated tail.
    </Notice>
  ) : (
    <Notice tone="danger" title={`Chain broken at event #${report.firstBroken?.seq}`}>
      {BREAK[report.firstBroken?.reason ?? ''] ?? report.firstBroken?.reason}. {fmtNumber(report.events)}{' '}
      events checked.
    </Notice>
  );
}

/** One page of events, filtered by subject; page, size and filter live in the URL. */
function AuditEvents() {
  const trpc = useTRPC();
  const url = useTableUrl();
  const { page, pageSize, subjectType } = pageOf(url);
  const log = useQuery(
    trpc.audit.list.queryOptions(
      { offset: (page - 1) * pageSize, limit: pageSize, ...(subjectType ? { subjectType } : {}) },
      { placeholderData: keepPreviousData },
    ),
  );
  const rows = log.data?.items ?? [];
  return (
    <Card
      title="Events"
      flush
      actions={
        <InlineSelect
          label="Subject"
          width={170}
          value={subjectType}
          onChange={(v) => url.set({ subject: v })}
          options={SUBJECTS.map((s) => [s, s || 'All subjects'] as const)}
        />
      }
    >
      {log.isPending ? (
        <div style={{ padding: '0 var(--s5)' }}>
          <Loading rows={6} />
        </div>
      ) : log.isError ? (
        <div style={{ padding: 'var(--s4)' }}>
          <ErrorNote error={log.error} onRetry={() => void log.refetch()} />
        </div>
      ) : rows.length === 0 ? (
        <Empty icon="scroll" title="No events yet" />
      ) : (
        <>
          <Table
            caption="Audit events"
            testId="audit-table"
            rows={rows}
            rowKey={(e) => String(e.seq)}
            columns={AUDIT_COLUMNS}
          />
          <Pager
            page={page}
            pageSize={pageSize}
            total={log.data?.total ?? 0}
            noun="events"
            onPage={(p) => url.set({ page: String(p) })}
            onPageSize={(n) => url.set({ size: String(n) })}
          />
        </>
      )}
    </Card>
  );
}

const AUDIT_COLUMNS: Column<AuditEvent>[] = [
  { key: 'seq', header: '#', cell: (e) => <span className="num muted">{e.seq}</span> },
  { key: 'at', header: 'When', cell: (e) => <span className="small">{fmtDateTime(e.at)}</span> },
  {
    key: 'action',
    header: 'Action',
    cell: (e) => (
      <Badge tone="brand" plain>
        {e.action}
      </Badge>
    ),
  },
  {
    key: 'subject',
    header: 'Subject',
    cell: (e) => (
      <span className="small">
        {e.subjectType} {e.subjectId ? <code className="muted">{e.subjectId.slice(0, 8)}</code> : null}
      </span>
    ),
  },
  {
    key: 'actor',
    header: 'By (credential)',
    cell: (e) => (
      <span className="small">
        {e.actor}
        {e.credentialLabel ? <div className="muted">via {e.credentialLabel}</div> : null}
      </span>
    ),
  },
  { key: 'hash', header: 'Hash', cell: (e) => <code className="muted">{e.hash.slice(0, 12)}…</code> },
];
