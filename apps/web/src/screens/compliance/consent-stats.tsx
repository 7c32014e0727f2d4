// Compliance › Consent statistics: who was kept out of publications and why, and how fast withdrawals travel.
import { useQuery } from '@tanstack/react-query';
import { reasonLabel } from '../../labels.ts';
import { type RouterOutputs, useTRPC } from '../../trpc.ts';
import { BarChart } from '../../ui/charts.tsx';
import { Card, fmtDateTime, fmtNumber, Page, Stat } from '../../ui/layout.tsx';
import { Empty, QueryState } from '../../ui/states.tsx';
import { type Column, Table } from '../../ui/table.tsx';

const ms = (v: number | null) =>
  v === null ? '—' : v < 1000 ? `${Math.round(v)} ms` : `${(v / 1000).toFixed(1)} s`;

type Publication = RouterOutputs['publications']['list'][number];

/** Totals over the live publications: members in their segments, members published, exclusions by reason. */
function exclusionTotals(live: Publication[]) {
  const excluded: Record<string, number> = {};
  let inSegments = 0;
  let published = 0;
  for (const p of live) {
    inSegments += p.segmentSize ?? 0;
    published += p.members ?? 0;
    for (const [k, v] of Object.entries(p.excluded ?? {})) excluded[k] = (excluded[k] ?? 0) + Number(v);
  }
  return { inSegments, published, reasons: Object.entries(excluded).sort((a, b) => b[1] - a[1]) };
}

export function ConsentStatsScreen() {
  const trpc = useTRPC();
  const publications = useQuery(trpc.publications.list.queryOptions({}));
  const live = (publications.data ?? []).filter((p) => p.status === 'live');
  const { inSegments, published, reasons } = exclusionTotals(live);
  return (
    <Page
      title="Consent statistics"
      subtitle="What consent did to everything currently published, and whether withdrawals reach the clean room in seconds."
    >
      <WithdrawalStats />
      <div className="split">
        <Card
          title="Kept out of live publications, by reason"
          hint={`${fmtNumber(published)} of ${fmtNumber(inSegments)} segment members published`}
        >
          <QueryState query={publications}>
            {() =>
              reasons.length === 0 ? (
                <Empty
                  icon="shield"
                  title="Nothing excluded yet"
                  hint="Exclusions appear once marketers publish segments."
                />
              ) : (
                <BarChart
                  title="Excluded by reason"
                  color="var(--danger)"
                  data={reasons.map(([k, v]) => ({ label: reasonLabel(k), value: v }))}
                />
              )
            }
          </QueryState>
        </Card>
        <Card title="Live publications" flush>
          <QueryState
            query={publications}
            isEmpty={() => live.length === 0}
            empty={<Empty title="Nothing published" />}
          >
            {() => (
              <Table caption="Live publications" rows={live} rowKey={(p) => p.id} columns={LIVE_COLUMNS} />
            )}
          </QueryState>
        </Card>
      </div>
    </Page>
  );
}

const LIVE_COLUMNS: Column<Publication>[] = [
  { key: 'seg', header: 'Segment', cell: (p) => p.segmentName },
  {
    key: 'n',
    header: 'Published',
    align: 'right',
    cell: (p) => `${fmtNumber(p.members ?? 0)} / ${fmtNumber(p.segmentSize ?? 0)}`,
  },
  { key: 'at', header: 'Since', cell: (p) => <span className="small">{fmtDateTime(p.committedAt)}</span> },
];

/** How many withdrawals reached the clean room and how fast (refreshed every 10 s). */
function WithdrawalStats() {
  const trpc = useTRPC();
  const withdrawals = useQuery(trpc.publications.withdrawals.queryOptions({}, { refetchInterval: 10_000 }));
  return (
    <QueryState query={withdrawals} rows={2}>
      {(w) => (
        <div className="grid-4">
          <Stat
            label="Withdrawals delivered"
            value={fmtNumber(w.delivered)}
            testId="stats-delivered"
            foot={`removed from a live publication or list · ${fmtNumber(w.noOp)} had nothing to remove`}
          />
          <Stat
            label="Waiting to be delivered"
            value={fmtNumber(w.pending)}
            testId="stats-pending"
            foot={`${fmtNumber(w.receivedFromPartners)} removed from our lists by partners`}
          />
          <Stat label="Median delay" value={ms(w.p50Ms)} foot="consent change → removed at the clean room" />
          <Stat label="99th percentile" value={ms(w.p99Ms)} foot={`worst ${ms(w.maxMs)}`} />
        </div>
      )}
    </QueryState>
  );
}
