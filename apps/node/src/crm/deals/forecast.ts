// Sales forecast by month: actual revenue (purchases) for the past, a least-squares linear trend fitted on the
// last `fitMonths` full months of actuals, the weighted open pipeline (amount × probability) by expected close
// month (overdue deals count in the current month), and forecast = trend + weighted pipeline for future months.
import { sql } from 'kysely';
import type { Deps } from '../../deps.ts';

export interface ForecastPoint {
  month: string;
  actual: number | null;
  trend: number;
  pipeline: number;
  forecast: number | null;
}

function monthStart(d: Date, offset = 0): Date {
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + offset, 1));
}
const ymd = (d: Date) => d.toISOString().slice(0, 10);

/** Least-squares line through (i, y_i); returns [intercept, slope]. */
export function linearFit(ys: number[]): [number, number] {
  const n = ys.length;
  if (n === 0) return [0, 0];
  if (n === 1) return [ys[0] as number, 0];
  const mx = (n - 1) / 2;
  const my = ys.reduce((s, y) => s + y, 0) / n;
  let sxy = 0;
  let sxx = 0;
  ys.forEach((y, i) => {
    sxy += (i - mx) * (y - my);
    sxx += (i - mx) ** 2;
  });
  const slope = sxy / sxx;
  return [my - slope * mx, slope];
}

export async function salesForecast(
  deps: Pick<Deps, 'db' | 'now'>,
  opts: { history: number; ahead: number; fitMonths: number },
): Promise<ForecastPoint[]> {
  const { db } = deps;
  const now = deps.now();
  const current = monthStart(now);
  const first = monthStart(now, -opts.history);
  const last = monthStart(now, opts.ahead + 1);
  const actualRows = await sql<{ month: string; revenue: number }>`
    select to_char(date_trunc('month', p.purchased_at at time zone 'UTC'), 'YYYY-MM-DD') as month,
           sum(p.price)::float8 as revenue
    from purchase p join customer c on c.id = p.customer_id and c.deleted_at is null
    where p.purchased_at >= ${first.toISOString()}::timestamptz and p.purchased_at < ${current.toISOString()}::timestamptz
    group by 1`.execute(db);
  const pipeRows = await sql<{ month: string; weighted: number }>`
    select to_char(greatest(date_trunc('month', d.expected_close::timestamp), ${ymd(current)}::timestamp), 'YYYY-MM-DD') as month,
           sum(d.amount * d.probability / 100.0)::float8 as weighted
    from deal d join customer c on c.id = d.customer_id and c.deleted_at is null
    where d.stage not in ('won', 'lost')
    group by 1`.execute(db);
  const actual = new Map(actualRows.rows.map((r) => [r.month, Number(r.revenue)]));
  const pipe = new Map(pipeRows.rows.map((r) => [r.month, Number(r.weighted)]));
  const months: Date[] = [];
  for (let m = first; m < last; m = monthStart(m, 1)) months.push(m);
  const past = months.filter((m) => m < current);
  const fit = past.slice(-opts.fitMonths);
  const [a, b] = linearFit(fit.map((m) => actual.get(ymd(m)) ?? 0));
  const index0 = past.length - fit.length;
  return months.map((m, i) => {
    const key = ymd(m);
    const trend = Math.max(0, a + b * (i - index0));
    const pipeline = pipe.get(key) ?? 0;
    const future = m >= current;
    return {
      month: key,
      actual: future ? null : (actual.get(key) ?? 0),
      trend,
      pipeline,
      forecast: future ? trend + pipeline : null,
    };
  });
}
