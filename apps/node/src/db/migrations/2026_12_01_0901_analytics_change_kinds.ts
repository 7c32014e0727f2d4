// Analytics change log, by kind: inserts of purchases and NPS/CSAT answers log each new row's key, and inserts or
// updates of customer-level rows (customer, demographics, loyalty membership, value tier) say so, so a snapshot can
// append the new rows or re-read the customer's row instead of reloading everything the customer has. Every other
// write (deletes, updates of purchases and answers, truncates) still logs kind 0: reload the customer.
// Frozen in time: never import app code here.
import { type Kysely, sql } from 'kysely';

const CUSTOMER_LEVEL: Array<[table: string, column: string]> = [
  ['customer', 'id'],
  ['customer_demographics', 'customer_id'],
  ['loyalty_member', 'customer_id'],
  ['customer_value', 'customer_id'],
];

/** Kind 1 (customer-level row inserted or updated) for the ids in `column` of the transition tables. */
function customerLevelFunction(column: string) {
  const col = sql.raw(column);
  return sql`create function ${sql.raw(`analytics_log_row_${column}`)}() returns trigger language plpgsql as $$
    begin
      if tg_op = 'INSERT' then
        insert into analytics_change (customer_id, kind) select distinct ${col}, 1 from new_rows;
      else
        insert into analytics_change (customer_id, kind)
          select ${col}, 1 from new_rows union select ${col}, 1 from old_rows;
      end if;
      return null;
    end $$`;
}

function replaceTrigger(table: string, event: 'INSERT' | 'UPDATE', fn: string) {
  const name = sql.raw(`${table}_analytics_${event.toLowerCase()}`);
  const refs = event === 'INSERT' ? 'new table as new_rows' : 'new table as new_rows old table as old_rows';
  return [
    sql`drop trigger ${name} on ${sql.raw(table)}`,
    sql`create trigger ${name} after ${sql.raw(event)} on ${sql.raw(table)}
      referencing ${sql.raw(refs)} for each statement execute function ${sql.raw(fn)}()`,
  ];
}

const STATEMENTS = [
  // kind 0: reload the customer; 1: re-read its customer-level row; 2: purchase row_id inserted; 3: answer
  // (row_id = response_id, row_key = question_key) inserted.
  sql`alter table analytics_change add column kind smallint not null default 0, add column row_id uuid,
    add column row_key text`,
  customerLevelFunction('id'),
  customerLevelFunction('customer_id'),
  sql`create function analytics_log_purchase_insert() returns trigger language plpgsql as $$
    begin
      insert into analytics_change (customer_id, kind, row_id) select customer_id, 2, id from new_rows;
      return null;
    end $$`,
  sql`create function analytics_log_answer_insert() returns trigger language plpgsql as $$
    begin
      insert into analytics_change (customer_id, kind, row_id, row_key)
        select customer_id, 3, response_id, question_key from new_rows;
      return null;
    end $$`,
  ...CUSTOMER_LEVEL.flatMap(([table, column]) => [
    ...replaceTrigger(table, 'INSERT', `analytics_log_row_${column}`),
    ...replaceTrigger(table, 'UPDATE', `analytics_log_row_${column}`),
  ]),
  ...replaceTrigger('purchase', 'INSERT', 'analytics_log_purchase_insert'),
  ...replaceTrigger('survey_answer', 'INSERT', 'analytics_log_answer_insert'),
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of STATEMENTS) await statement.execute(db);
}
