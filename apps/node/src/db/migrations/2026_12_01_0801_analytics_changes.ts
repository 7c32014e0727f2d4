// Analytics snapshot freshness: every statement that changes a customer's analytical data (the customer row, its
// demographics, loyalty membership, value tier, purchases or survey answers) logs the touched customer ids, with
// the writing transaction's id, so an in-process snapshot can reload exactly the customers changed since it read.
// Frozen in time: never import app code here.
import { type Kysely, sql } from 'kysely';

const WATCHED: Array<[table: string, column: string]> = [
  ['customer', 'id'],
  ['customer_demographics', 'customer_id'],
  ['loyalty_member', 'customer_id'],
  ['customer_value', 'customer_id'],
  ['purchase', 'customer_id'],
  ['survey_answer', 'customer_id'],
];

function logFunction(column: string) {
  const name = sql.raw(`analytics_log_${column}`);
  const col = sql.raw(column);
  return sql`create function ${name}() returns trigger language plpgsql as $$
    begin
      if tg_op = 'INSERT' then
        insert into analytics_change (customer_id) select distinct ${col} from new_rows;
      elsif tg_op = 'DELETE' then
        insert into analytics_change (customer_id) select distinct ${col} from old_rows;
      else
        insert into analytics_change (customer_id)
          select ${col} from new_rows union select ${col} from old_rows;
      end if;
      return null;
    end $$`;
}

function triggers(table: string, column: string) {
  const fn = sql.raw(`analytics_log_${column}`);
  const t = sql.raw(table);
  const one = (event: string, refs: string) =>
    sql`create trigger ${sql.raw(`${table}_analytics_${event.toLowerCase()}`)} after ${sql.raw(event)} on ${t}
      referencing ${sql.raw(refs)} for each statement execute function ${fn}()`;
  return [
    one('INSERT', 'new table as new_rows'),
    one('UPDATE', 'new table as new_rows old table as old_rows'),
    one('DELETE', 'old table as old_rows'),
    sql`create trigger ${sql.raw(`${table}_analytics_truncate`)} after truncate on ${t}
      for each statement execute function analytics_log_truncate()`,
  ];
}

const STATEMENTS = [
  // customer_id null = everything changed (a truncate): snapshots reload in full.
  sql`create table analytics_change (
    seq bigserial primary key,
    xid xid8 not null default pg_current_xact_id(),
    customer_id uuid,
    created_at timestamptz not null default now())`,
  sql`create index analytics_change_xid_idx on analytics_change (xid)`,
  sql`create index analytics_change_created_idx on analytics_change (created_at)`,
  // The snapshot reloads changed customers' answers by customer.
  sql`create index survey_answer_customer_idx on survey_answer (customer_id)`,
  logFunction('id'),
  logFunction('customer_id'),
  sql`create function analytics_log_truncate() returns trigger language plpgsql as $$
    begin
      insert into analytics_change (customer_id) values (null);
      return null;
    end $$`,
  ...WATCHED.flatMap(([table, column]) => triggers(table, column)),
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of STATEMENTS) await statement.execute(db);
}
