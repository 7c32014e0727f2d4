// Compliance › Audit log: the hash-chained record of every consent, rule, approval, publication, match and export.
import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Can } from '../../ability.tsx';
import { useTRPC } from '../../trpc.ts';
import { Button } from '../../ui/form.tsx';
import { Badge, Card, fmtDateTime, fmtNumber, Page } from '../../ui/layout.tsx';
import { Empty, ErrorNote, Loading, Notice } from '../../ui/states.tsx';
import { Table } from '../../ui/table.tsx';

const BREAK: Record<string, string> = {
  hash_mismatch: 'the event was edited after it was written',
  prev_hash_mismatch: 'the previous event was edited and re-hashed, or the chain was rewritten',
  missing_event: 'an event was deleted',
};

const SUBJECTS = [
  '',
  'Consent',
  'ConsentRule',
  'Notice',
  'Collaboration',
  'Publication',
  'Match',
  'AudienceList',
  'Customer',
  'User',
];

export function AuditScreen() {
  const trpc = useTRPC();
  const [subjectType, setSubjectType] = useState('');
  const [limit, setLimit] = useState(50);
  const log = useQuery(
    trpc.audit.list.queryOptions(
      { limit, ...(subjectType ? { subjectType } : {}) },
      { placeholderData: keepPreviousData },
    ),
  );
  const verify = useMutation(trpc.audit.verify.mutationOptions());
  const rows = log.data ?? [];
  const more = rows.length === limit && limit < 500;
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
      {verify.data ? (
        verify.data.ok ? (
          <Notice tone="ok" title={`Chain intact — ${fmtNumber(verify.data.events)} events verified`}>
            Head hash <code>{verify.data.head ?? '—'}</code>. Record it outside the node to detect a truncated
            tail.
          </Notice>
        ) : (
          <Notice tone="danger" title={`Chain broken at event #${verify.data.firstBroken?.seq}`}>
            {BREAK[verify.data.firstBroken?.reason ?? ''] ?? verify.data.firstBroken?.reason}.{' '}
            {fmtNumber(verify.data.events)} events checked.
          </Notice>
        )
      ) : null}
      <Card
        title="Events"
        flush
        actions={
          <label className="row small">
            <span className="muted">Subject</span>
            <select
              className="select"
              style={{ width: 170, height: 30 }}
              value={subjectType}
              onChange={(e) => setSubjectType(e.target.value)}
            >
              {SUBJECTS.map((s) => (
                <option key={s} value={s}>
                  {s || 'All subjects'}
                </option>
              ))}
            </select>
          </label>
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
              columns={[
                { key: 'seq', header: '#', cell: (e) => <span className="num muted">{e.seq}</span> },
                {
                  key: 'at',
                  header: 'When',
                  cell: (e) => <span className="small">{fmtDateTime(e.at)}</span>,
                },
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
                      {e.subjectType}{' '}
                      {e.subjectId ? <code className="muted">{e.subjectId.slice(0, 8)}</code> : null}
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
                {
                  key: 'hash',
                  header: 'Hash',
                  cell: (e) => <code className="muted">{e.hash.slice(0, 12)}…</code>,
                },
              ]}
            />
            {more ? (
              <div style={{ padding: 'var(--s3) var(--s5)' }}>
                <Button
                  size="sm"
                  busy={log.isFetching}
                  onClick={() => setLimit((l) => Math.min(500, l + 100))}
                >
                  Older events
                </Button>
              </div>
            ) : null}
          </>
        )}
      </Card>
    </Page>
  );
}
