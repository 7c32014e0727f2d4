// Loyalty: members by tier, the points liability, tier movements and point flows.
import { useQuery } from '@tanstack/react-query';
import { useTRPC } from '../../trpc.ts';
import { BarChart, ColumnChart } from '../../ui/charts.tsx';
import { Card, fmtNumber, Page, Stat } from '../../ui/layout.tsx';
import { ChartState, Empty, QueryState } from '../../ui/states.tsx';
import { Table } from '../../ui/table.tsx';

export function LoyaltyScreen() {
  const trpc = useTRPC();
  const overview = useQuery(trpc.loyalty.overview.queryOptions({ period: 'month' }));
  const programme = useQuery(trpc.loyalty.programme.queryOptions());
  return (
    <Page
      title="Loyalty programme"
      subtitle="Who is in which tier, what the programme owes, and how members move."
    >
      <div className="grid-3">
        <Stat
          label="Members"
          testId="loyalty-members"
          value={overview.data ? fmtNumber(overview.data.members) : '—'}
        />
        <Stat
          label="Points liability"
          testId="loyalty-liability"
          value={overview.data ? fmtNumber(overview.data.liability) : '—'}
        />
        <Stat
          label="Earning rule"
          value={programme.data ? `${programme.data.pointsPerUnit} pt / €` : '—'}
          foot={programme.data ? `expire after ${programme.data.expiryMonths} months` : null}
        />
      </div>
      <div className="grid-2">
        <Card title="Members by tier">
          <QueryState
            query={overview}
            isEmpty={(d) => d.members === 0}
            empty={<Empty icon="users" title="No members yet" />}
          >
            {(d) => (
              <BarChart
                title="Members by tier"
                data={d.byTier.map((t) => ({ label: t.tier, value: t.members }))}
              />
            )}
          </QueryState>
        </Card>
        <Card title="Points earned per month">
          <ChartState query={overview} isEmpty={(d) => d.flows.length === 0} emptyTitle="No points yet">
            {(d) => (
              <ColumnChart
                title="Points earned per month"
                data={d.flows.slice(-12).map((f) => ({ label: f.period.slice(2, 7), value: f.earned }))}
              />
            )}
          </ChartState>
        </Card>
      </div>
      <Card title="Tier movements" flush>
        <QueryState
          query={overview}
          isEmpty={(d) => d.movements.length === 0}
          empty={<Empty icon="activity" title="No tier changes yet" />}
        >
          {(d) => (
            <Table
              testId="tier-movements"
              caption="Tier movements per month"
              rows={d.movements}
              rowKey={(m) => `${m.period}-${m.from}-${m.to}`}
              columns={[
                { key: 'Month', header: 'Month', cell: (m) => m.period.slice(0, 7) },
                { key: 'From', header: 'From', cell: (m) => m.from },
                { key: 'To', header: 'To', cell: (m) => m.to },
                { key: 'Members', header: 'Members', cell: (m) => fmtNumber(m.members), align: 'right' },
              ]}
            />
          )}
        </QueryState>
      </Card>
    </Page>
  );
}
