// Audience lists: cross-sell and referral lists resolved to our own customers, with provenance and CSV export.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Can } from '../../ability.tsx';
import { purposeTitle, reasonLabel } from '../../labels.ts';
import { Link } from '../../router.tsx';
import { type RouterOutputs, useTRPC } from '../../trpc.ts';
import { Button } from '../../ui/form.tsx';
import { Badge, Card, fmtDateTime, fmtNumber, Page } from '../../ui/layout.tsx';
import { Empty, ErrorNote, Notice, QueryState } from '../../ui/states.tsx';
import { type Column, Table } from '../../ui/table.tsx';
import { useToast } from '../../ui/toast.tsx';
import { ArchivedTabs, ListActions } from '../records/list-actions.tsx';

type Audience = RouterOutputs['lists']['list'][number];
type Member = RouterOutputs['lists']['members'][number];
type Catalogue = { id: string; name: string; partnerName: string }[];

/** Partner segments a list was matched against, by name when the catalogue knows them. */
function partnerSegmentNames(a: Audience, catalogue?: Catalogue): string {
  const names = a.partnerSegments.map((s) => {
    const hit = catalogue?.find((c) => c.id === s.publicationId);
    return hit ? `${hit.name} (${hit.partnerName})` : 'partner segment';
  });
  return names.join(', ') || '—';
}

function requester(a: Audience): string | null {
  const r = a.partnerSegments[0]?.requester;
  return typeof r === 'string' ? r : null;
}

export function ListsScreen() {
  const trpc = useTRPC();
  const [archived, setArchived] = useState<'exclude' | 'only'>('exclude');
  const lists = useQuery(trpc.lists.list.queryOptions({ archived }));
  const collaborations = useQuery(trpc.collaborations.list.queryOptions());
  const collabName = (id: string) => collaborations.data?.find((c) => c.id === id)?.name ?? 'Collaboration';
  return (
    <Page
      title="Audience lists"
      subtitle="Your own customers, found through a collaboration. Consent is re-checked when a list arrives and on every export; anyone who withdrew is gone."
    >
      <Waiting />
      <Card title="Stored audiences" flush actions={<ArchivedTabs value={archived} onChange={setArchived} />}>
        <QueryState
          query={lists}
          isEmpty={(l) => l.length === 0}
          empty={
            <Empty
              icon="list"
              title="No lists yet"
              hint="Request a cross-sell list on the Match screen."
              action={
                <Link className="btn" to="/matches">
                  Match with partners
                </Link>
              }
            />
          }
        >
          {(rows) => (
            <Table
              caption="Audience lists"
              testId="lists-table"
              rows={rows}
              rowKey={(l) => l.id}
              columns={[
                {
                  key: 'name',
                  header: 'List',
                  cell: (l) => (
                    <div>
                      <Link to={`/lists/${l.id}`} style={{ fontWeight: 550 }}>
                        {l.name}
                      </Link>
                      <div className="small muted">
                        {l.kind === 'cross_sell' ? 'Cross-sell' : 'Referral'} · {purposeTitle(l.purpose)}
                      </div>
                    </div>
                  ),
                },
                {
                  key: 'from',
                  header: 'Provenance',
                  cell: (l) => (
                    <div className="small">
                      <div>{collabName(l.collaborationId)}</div>
                      <div className="muted">
                        {l.partnerSegments.length} partner segment{l.partnerSegments.length === 1 ? '' : 's'}
                        {requester(l) ? ` · requested by ${requester(l)}` : ''}
                      </div>
                    </div>
                  ),
                },
                {
                  key: 'n',
                  header: 'Customers',
                  align: 'right',
                  cell: (l) => (
                    <span data-testid="list-current">
                      {fmtNumber(l.current)}
                      {l.current !== l.resolved ? (
                        <div className="small muted">of {fmtNumber(l.resolved)} received</div>
                      ) : null}
                    </span>
                  ),
                },
                {
                  key: 'exp',
                  header: 'Expires',
                  cell: (l) =>
                    l.expiresAt && new Date(l.expiresAt) < new Date() ? (
                      <Badge tone="danger">expired</Badge>
                    ) : (
                      <span className="small">{fmtDateTime(l.expiresAt)}</span>
                    ),
                },
              ]}
            />
          )}
        </QueryState>
      </Card>
    </Page>
  );
}

type AudienceChanges = RouterOutputs['lists']['list'][number]['changes'];

/** Tells the marketer who left the list since it arrived, and why (exports already leave them out). */
function ListChanges({ changes }: { changes: AudienceChanges }) {
  const total = changes.reduce((n, c) => n + c.removed, 0);
  const byReason = new Map<string, number>();
  for (const c of changes) byReason.set(c.reason, (byReason.get(c.reason) ?? 0) + c.removed);
  return (
    <Notice tone="warn" title={`${fmtNumber(total)} removed since this list arrived`}>
      <span data-testid="list-changes">
        {[...byReason].map(([reason, n]) => `${fmtNumber(n)} · ${reasonLabel(reason)}`).join('; ')}. Last
        change {fmtDateTime(changes[0]?.at ?? null)}. Exports and the members below already leave them out.
      </span>
    </Notice>
  );
}

/** Lists the clean room holds for us that have not been fetched yet (e.g. referrals from partners). */
function Waiting() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const toast = useToast();
  const delivered = useQuery(trpc.lists.delivered.queryOptions({}, { retry: false }));
  const fetchList = useMutation(
    trpc.lists.fetch.mutationOptions({
      onSuccess: async (r) => {
        await queryClient.invalidateQueries({ queryKey: trpc.lists.pathKey() });
        toast(`Stored ${fmtNumber(r.resolved)} customers`);
      },
    }),
  );
  const waiting = (delivered.data ?? []).filter((l) => l.audienceListId === null);
  if (waiting.length === 0) return null;
  return (
    <Card title="Waiting at the clean room" hint="Delivered to us but not yet resolved to our customers.">
      <div className="stack-sm">
        {fetchList.isError ? <ErrorNote error={fetchList.error} /> : null}
        {waiting.map((l) => (
          <div key={l.id} className="spread">
            <span>
              {l.kind === 'referral' ? 'Referral' : 'Cross-sell'} list · {fmtNumber(l.size)} members
              {l.offer ? <span className="muted"> · offer “{l.offer.title}”</span> : null}
            </span>
            <Can I="create" a="AudienceList">
              <Button size="sm" busy={fetchList.isPending} onClick={() => fetchList.mutate({ listId: l.id })}>
                Fetch
              </Button>
            </Can>
          </div>
        ))}
      </div>
    </Card>
  );
}

export function ListScreen({ id }: { id: string }) {
  const trpc = useTRPC();
  const lists = useQuery(trpc.lists.list.queryOptions({ archived: 'include' }));
  const members = useQuery(trpc.lists.members.queryOptions({ listId: id }));
  const toast = useToast();
  const exportCsv = useMutation(
    trpc.lists.export.mutationOptions({
      onSuccess: (r) => {
        const url = URL.createObjectURL(new Blob([r.csv], { type: 'text/csv;charset=utf-8' }));
        const a = document.createElement('a');
        a.href = url;
        a.download = r.filename;
        a.click();
        setTimeout(() => URL.revokeObjectURL(url), 1000);
        toast(`Exported ${fmtNumber(r.rows)} rows (the export is in the audit log)`);
      },
    }),
  );
  const list = lists.data?.find((l) => l.id === id);
  const catalogue = useQuery(
    trpc.publications.partners.queryOptions(
      { collaborationId: list?.collaborationId ?? '' },
      { enabled: Boolean(list), retry: false },
    ),
  );
  return (
    <Page
      title={list?.name ?? 'Audience list'}
      crumbs={<Link to="/lists">Audience lists</Link>}
      subtitle={
        list
          ? `${list.kind === 'cross_sell' ? 'Cross-sell' : 'Referral'} · ${purposeTitle(list.purpose)} · received ${fmtNumber(list.received)}, ${fmtNumber(list.resolved)} resolved, ${fmtNumber(list.current)} on the list now`
          : undefined
      }
      actions={
        <Can I="export" a="AudienceList">
          <Button
            variant="primary"
            icon="download"
            busy={exportCsv.isPending}
            onClick={() => exportCsv.mutate({ listId: id })}
          >
            Export CSV
          </Button>
        </Can>
      }
    >
      {exportCsv.isError ? <ErrorNote error={exportCsv.error} /> : null}
      {list ? <ListActions list={list} /> : null}
      {list && list.changes.length > 0 ? <ListChanges changes={list.changes} /> : null}
      {list ? <Provenance list={list} catalogue={catalogue.data} /> : null}
      <Card title="Customers" flush>
        <QueryState
          query={members}
          isEmpty={(m) => m.length === 0}
          empty={<Empty icon="users" title="Nobody left on this list" />}
        >
          {(rows) => (
            <Table
              caption="List members"
              testId="list-members"
              rows={rows.slice(0, 200)}
              rowKey={(m) => m.customerId}
              columns={MEMBER_COLUMNS}
            />
          )}
        </QueryState>
      </Card>
    </Page>
  );
}

/** Where a list came from: its match, the partner segments and requester, what was dropped, when it expires. */
function Provenance({ list, catalogue }: { list: Audience; catalogue: Catalogue | undefined }) {
  return (
    <Card title="Provenance">
      <dl className="kv">
        <dt>Match</dt>
        <dd className="mono">{list.matchId ?? '—'}</dd>
        <dt>Partner segments</dt>
        <dd>{partnerSegmentNames(list, catalogue)}</dd>
        <dt>Requested by</dt>
        <dd>{requester(list) ?? '—'}</dd>
        <dt>Dropped on arrival</dt>
        <dd>
          {Object.entries(list.dropped).length === 0
            ? 'nobody'
            : Object.entries(list.dropped)
                .map(([k, v]) => `${fmtNumber(v)} ${k.replaceAll('_', ' ')}`)
                .join(', ')}
        </dd>
        <dt>Expires</dt>
        <dd>{fmtDateTime(list.expiresAt)}</dd>
      </dl>
    </Card>
  );
}

const MEMBER_COLUMNS: Column<Member>[] = [
  {
    key: 'name',
    header: 'Customer',
    cell: (m) => (
      <Link to={`/customers/${m.customerId}`}>
        {[m.firstName, m.lastName].filter(Boolean).join(' ') || m.externalId}
      </Link>
    ),
  },
  { key: 'email', header: 'Email', cell: (m) => m.email ?? '—' },
  { key: 'phone', header: 'Phone', cell: (m) => m.phone ?? '—' },
  { key: 'ext', header: 'Customer no.', cell: (m) => <code className="muted">{m.externalId}</code> },
];
