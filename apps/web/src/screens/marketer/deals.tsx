// Deals: the pipeline as a board (one column per stage, move a deal on), and the forecast against actuals.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type RouterOutputs, useTRPC } from '../../trpc.ts';
import { ColumnChart } from '../../ui/charts.tsx';
import { Button } from '../../ui/form.tsx';
import { Card, fmtDate, fmtMoney, Page } from '../../ui/layout.tsx';
import { ErrorNote, QueryState } from '../../ui/states.tsx';

type Deal = RouterOutputs['deals']['board'][number]['deals'][number];
const NEXT: Record<string, string> = {
  lead: 'qualified',
  qualified: 'proposal',
  proposal: 'negotiation',
  negotiation: 'won',
};

export function DealsScreen() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const board = useQuery(trpc.deals.board.queryOptions({ owner: 'all' }));
  const move = useMutation(
    trpc.deals.update.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.deals.pathKey() }),
    }),
  );
  const go = (d: Deal, stage: string) => move.mutate({ id: d.id, patch: { stage: stage as 'won' } });
  return (
    <Page
      title="Deals"
      subtitle="Every opportunity from first contact to signature; a won deal becomes a purchase."
    >
      {move.isError ? <ErrorNote error={move.error} /> : null}
      <QueryState query={board}>
        {(columns) => (
          <div className="kanban" data-testid="deals-board">
            {columns.map((col) => (
              <section
                key={col.stage}
                className="kanban-col"
                aria-label={col.stage}
                data-testid={`stage-${col.stage}`}
              >
                <header className="spread">
                  <h2 className="kanban-title">{col.stage}</h2>
                  <span className="small muted">{fmtMoney(col.total)}</span>
                </header>
                {col.deals.map((d) => (
                  <article key={d.id} className="card kanban-card">
                    <div style={{ fontWeight: 550 }}>{d.title}</div>
                    <div className="small muted">
                      {d.customerName} · {fmtMoney(d.amount)} · {d.probability}% · close{' '}
                      {fmtDate(d.expectedClose)}
                    </div>
                    {NEXT[d.stage] ? (
                      <div className="row">
                        <Button size="sm" onClick={() => go(d, NEXT[d.stage] as string)}>
                          → {NEXT[d.stage]}
                        </Button>
                        <Button size="sm" variant="ghost" onClick={() => go(d, 'lost')}>
                          Lost
                        </Button>
                      </div>
                    ) : null}
                  </article>
                ))}
              </section>
            ))}
          </div>
        )}
      </QueryState>
      <Forecast />
    </Page>
  );
}

function Forecast() {
  const trpc = useTRPC();
  const forecast = useQuery(trpc.deals.forecast.queryOptions({ history: 12, ahead: 6, fitMonths: 12 }));
  return (
    <Card
      title="Forecast"
      hint="Actual revenue by month; ahead: the sales trend plus the open pipeline weighted by probability."
    >
      <QueryState query={forecast}>
        {(points) => (
          <ColumnChart
            title="Revenue: actuals and forecast by month"
            format={(v) => fmtMoney(v)}
            data={points.map((p) => ({
              label: p.month.slice(2, 7),
              value: p.actual ?? p.forecast ?? 0,
              color: p.actual === null ? 'var(--partner)' : undefined,
            }))}
          />
        )}
      </QueryState>
    </Card>
  );
}
