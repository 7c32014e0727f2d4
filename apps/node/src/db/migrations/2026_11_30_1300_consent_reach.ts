// Frozen in time: never import app code here. Consent reach: rule changes scoped to one publication, honest
// withdrawal figures (local list removals counted), the rules a publication carries to the clean room, where a
// removal went (lists derived from the publication), and notices on stored audiences that changed.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('withdrawal_outbox')
    .addColumn('publication_id', 'uuid')
    .addColumn('lists_removed', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('publication')
    .addColumn('policy_sent', 'jsonb')
    .addColumn('policy_dirty', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute();
  await db.schema.alterTable('publication_member').addColumn('reached_lists', 'jsonb').execute();

  await db.schema
    .createTable('audience_list_change')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('list_id', 'uuid', (c) => c.notNull().references('audience_list.id').onDelete('cascade'))
    .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('removed', 'integer', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('audience_list_change_list_idx')
    .on('audience_list_change')
    .columns(['list_id', 'at'])
    .execute();
}
