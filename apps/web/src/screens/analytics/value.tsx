// Customer value: profitability tiers (top / middle / tail) with margin, CLV and share of margin.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTRPC } from '../../trpc.ts';
import { BarChart } from '../../ui/charts.tsx';
import { Button } from '../../ui/form.tsx';
import { Card, fmtDate, fmtMoney, fmtNumber, Page } from '../../ui/layout.tsx';
import { Empty, QueryState } from '../../ui/states.tsx';
import { Table } from '../../ui/table.tsx';

export function ValueScreen() {
  const trpc = useTRPC();
  const client = useQueryClient();
  const summary = useQuery(trpc.value.summary.queryOptions());
  const refresh = useMutation(
    trpc.value.refresh.mutationOptions({
      onSuccess: () => client.invalidateQueries({ queryKey: trpc.value.summary.queryKey() }),
    }),
  );
  return (
    <Page
      title="Customer value"
      subtitle="Margin-aware revenue, lifetime value and profitability tiers; use the tiers in segments and cross-tabs."
      actions={
        <Button onClick={() => refresh.mutate()} busy={refresh.isPending}>
          Recompute
        </Button>
      }
    >
      <QueryState
        query={summary}
        isEmpty={(d) => d.computedAt === null}
        empty={<Empty icon="chart" title="Not computed yet" hint="Recompute to score every customer." />}
      >
        {(d) => (
          <>
            <Card
              title="Share of margin by tier"
              hint={d.computedAt ? `Computed ${fmtDate(d.computedAt)}` : undefined}
            >
              <BarChart
                title="Margin by value tier"
                format={fmtMoney}
                data={d.tiers.map((t) => ({ label: t.tier, value: t.margin }))}
              />
            </Card>
            <Card title="Tiers" flush>
              <Table
                testId="value-tiers"
                caption="Value tiers"
                rows={d.tiers}
                rowKey={(t) => t.tier}
                columns={[
                  { key: 'Tier', header: 'Tier', cell: (t) => t.tier },
                  {
                    key: 'Customers',
                    header: 'Customers',
                    cell: (t) => fmtNumber(t.customers),
                    align: 'right',
                  },
                  { key: 'Revenue', header: 'Revenue', cell: (t) => fmtMoney(t.revenue), align: 'right' },
                  { key: 'Margin', header: 'Margin', cell: (t) => fmtMoney(t.margin), align: 'right' },
                  {
                    key: 'Share of margin',
                    header: 'Share of margin',
                    cell: (t) => `${Math.round(t.marginShare * 100)}%`,
                    align: 'right',
                  },
                  { key: 'CLV (sum)', header: 'CLV (sum)', cell: (t) => fmtMoney(t.clv), align: 'right' },
                ]}
              />
            </Card>
          </>
        )}
      </QueryState>
    </Page>
  );
}
