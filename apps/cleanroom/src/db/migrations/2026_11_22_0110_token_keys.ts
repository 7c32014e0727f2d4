// Frozen in time: never import app code here. Adds int8 join/group keys (tk, mk) to existing token tables and
// a per-batch member count (members are counted while batches stream in, not by rescanning at commit).
import { type Kysely, sql } from 'kysely';

const int8At = (col: string, from: number) =>
  `('x' || encode(substring(${col} from ${from} for 8), 'hex'))::bit(64)::int8`;

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('publication_batches')
    .addColumn('members', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  const tables = await sql<{ table_name: string }>`
    select table_name from information_schema.tables
    where table_schema = current_schema() and table_name like 'pt\\_%'
      and not exists (select 1 from information_schema.columns c
                      where c.table_name = tables.table_name and c.column_name = 'tk')`.execute(db);
  for (const { table_name } of tables.rows) {
    const t = sql.table(table_name);
    await sql`alter table ${t} add column tk bigint, add column mk bigint`.execute(db);
    await sql`update ${t} set tk = ${sql.raw(int8At('token', 1))}, mk = ${sql.raw(int8At('member_id', 1))}`.execute(
      db,
    );
    await sql`alter table ${t} alter column tk set not null, alter column mk set not null`.execute(db);
  }
}
