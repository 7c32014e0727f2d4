// Operator › Audit chain: recomputes the clean room's hash chain (names the first broken link) and pages through
// the events — actions, times and names; details never hold tokens or member ids.
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Can } from '../../ability.tsx';
import { Button } from '../../ui/form.tsx';
import { Card, fmtDateTime, fmtNumber, Page } from '../../ui/layout.tsx';
import { Empty, ErrorNote, Notice, QueryState } from '../../ui/states.tsx';
import { Table } from '../../ui/table.tsx';
import { useOperatorTRPC } from '../trpc.ts';

const PAGE = 50;

function detailsText(details: Record<string, unknown>): string {
  return Object.entries(details)
    .filter(([, v]) => v !== null && typeof v !== 'object')
    .map(([k, v]) => `${k}: ${String(v)}`)
    .join(' · ');
}

function Verdict({ result }: { result: { ok: boolean; events: number; firstBrokenSeq: number | null } }) {
  return result.ok ? (
    <Notice tone="ok" title={`Chain intact — ${fmtNumber(result.events)} events verified`}>
      Every hash recomputes from the previous one.
    </Notice>
  ) : (
    <Notice tone="danger" title={`Chain broken at event #${result.firstBrokenSeq}`}>
      {fmtNumber(result.events)} events checked. Events from this one on were edited, removed or re-hashed.
    </Notice>
  );
}

export function AuditChainScreen() {
  const trpc = useOperatorTRPC();
  const [after, setAfter] = useState(0);
  const verify = useQuery(
    trpc.operator.verifyAudit.queryOptions(undefined, { enabled: false, staleTime: 0 }),
  );
  const events = useQuery(trpc.operator.auditEvents.queryOptions({ after, limit: PAGE }));
  return (
    <Page
      title="Audit chain"
      subtitle="Every registration, invitation, approval, publication, match and sweep, hash-chained: each event's hash covers the previous one."
      actions={
        <Can I="verify" a="AuditLog">
          <Button
            variant="primary"
            icon="shield"
            busy={verify.isFetching}
            onClick={() => void verify.refetch()}
          >
            Verify chain
          </Button>
        </Can>
      }
    >
      {verify.isError ? <ErrorNote error={verify.error} /> : null}
      {verify.data ? <Verdict result={verify.data} /> : null}
      <Card
        title="Events"
        flush
        actions={
          <div className="row" style={{ gap: 6 }}>
            <Button size="sm" disabled={after === 0} onClick={() => setAfter(Math.max(0, after - PAGE))}>
              Previous
            </Button>
            <Button
              size="sm"
              disabled={events.data?.nextAfter == null}
              onClick={() => setAfter(events.data?.nextAfter ?? after)}
            >
              Next
            </Button>
          </div>
        }
      >
        <QueryState query={events} rows={4}>
          {(d) => (
            <Table
              rows={d.events}
              rowKey={(e) => String(e.seq)}
              caption="Audit events"
              testId="audit-events"
              empty={<Empty title="No events yet" />}
              columns={[
                { key: 'seq', header: '#', align: 'right', cell: (e) => e.seq },
                { key: 'at', header: 'At', cell: (e) => fmtDateTime(e.at) },
                { key: 'action', header: 'Action', cell: (e) => <code>{e.action}</code> },
                { key: 'details', header: 'Details', cell: (e) => detailsText(e.details) },
                {
                  key: 'hash',
                  header: 'Hash',
                  cell: (e) => <code title={e.hash}>{e.hash.slice(0, 12)}…</code>,
                },
              ]}
            />
          )}
        </QueryState>
      </Card>
    </Page>
  );
}
