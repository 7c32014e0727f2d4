// Compliance › Partner requests: from the clean room's per-partner audit, every match and list request that touched
// our data — who asked (a partner), kind, purpose, what was released, ε — and the ε used per requester.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { purposeTitle, titleCase } from '../../labels.ts';
import { type RouterOutputs, useTRPC } from '../../trpc.ts';
import { InlineSelect } from '../../ui/inline-select.tsx';
import { Badge, Card, fmtDateTime, fmtNumber, Page } from '../../ui/layout.tsx';
import { Empty, QueryState } from '../../ui/states.tsx';
import { type Column, Table } from '../../ui/table.tsx';

type Request = RouterOutputs['audit']['partnerRequests']['requests'][number];

function Released({ r }: { r: Request }) {
  const parts = [
    ...r.released.counts.map((c) =>
      c.suppressed ? 'count suppressed (< kMin)' : `count ${fmtNumber(c.count ?? 0)}`,
    ),
    ...r.released.lists.map(
      (l) => `list to ${l.receiverName}: ${l.size === null ? l.sizeBand : fmtNumber(l.size)} members`,
    ),
  ];
  return <span className="small">{parts.length ? parts.join(' · ') : 'nothing'}</span>;
}

type Budget = RouterOutputs['audit']['partnerRequests']['budgets'][number];

export function PartnerRequestsScreen() {
  const trpc = useTRPC();
  const [collaborationId, setCollaborationId] = useState('');
  const collaborations = useQuery(trpc.collaborations.list.queryOptions());
  const report = useQuery(
    trpc.audit.partnerRequests.queryOptions(
      { limit: 200, after: 0, ...(collaborationId ? { collaborationId } : {}) },
      { placeholderData: keepPreviousData },
    ),
  );
  return (
    <Page
      title="Partner requests"
      subtitle="The clean room's record of every match and list that touched our customers' data, and who asked. Partners are named; people never are."
    >
      <Card
        title="Requests that touched our data"
        flush
        actions={
          <InlineSelect
            label="Collaboration"
            width={220}
            value={collaborationId}
            onChange={setCollaborationId}
            options={[
              ['', 'All collaborations'] as const,
              ...(collaborations.data ?? []).map((c) => [c.id, c.name] as const),
            ]}
          />
        }
      >
        <QueryState
          query={report}
          isEmpty={(r) => r.requests.length === 0}
          empty={<Empty icon="scroll" title="No partner has matched against our data yet" />}
        >
          {(r) => (
            <Table
              caption="Requests that touched our data"
              testId="partner-requests"
              rows={r.requests}
              rowKey={(q) => q.matchId}
              columns={REQUEST_COLUMNS}
            />
          )}
        </QueryState>
      </Card>
      <Card title="Privacy budget (ε) used, per collaboration and requester" flush>
        <QueryState
          query={report}
          isEmpty={(r) => r.budgets.length === 0}
          empty={<Empty title="No insight queries yet" />}
        >
          {(r) => (
            <Table
              caption="ε used per requester"
              testId="partner-budgets"
              rows={r.budgets}
              rowKey={(b) => `${b.collaborationId}:${b.requester.partnerId}`}
              columns={BUDGET_COLUMNS}
            />
          )}
        </QueryState>
      </Card>
    </Page>
  );
}

const REQUEST_COLUMNS: Column<Request>[] = [
  {
    key: 'at',
    header: 'When',
    cell: (q) => <span className="small">{fmtDateTime(q.at)}</span>,
  },
  {
    key: 'who',
    header: 'Asked by',
    cell: (q) => (
      <span>
        {q.requester.name} {q.mine ? <Badge tone="brand">us</Badge> : <Badge tone="partner">partner</Badge>}
      </span>
    ),
  },
  { key: 'kind', header: 'Kind', cell: (q) => titleCase(q.kind) },
  {
    key: 'purpose',
    header: 'Purpose',
    cell: (q) => <span className="small">{purposeTitle(q.purpose)}</span>,
  },
  {
    key: 'data',
    header: 'Our segments',
    cell: (q) => <span className="small">{q.touchedPublications.map((p) => p.name).join(', ')}</span>,
  },
  { key: 'released', header: 'Released', cell: (q) => <Released r={q} /> },
  { key: 'eps', header: 'ε', align: 'right', cell: (q) => q.epsilonCharged.toFixed(2) },
];

const BUDGET_COLUMNS: Column<Budget>[] = [
  { key: 'collab', header: 'Collaboration', cell: (b) => b.collaborationName },
  { key: 'who', header: 'Requester', cell: (b) => b.requester.name },
  {
    key: 'used',
    header: 'ε used / budget',
    align: 'right',
    cell: (b) => `${b.epsilonSpent.toFixed(2)} / ${b.epsilonBudget.toFixed(2)}`,
  },
];
