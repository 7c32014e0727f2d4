// Frozen in time: never import app code here. Per-publication compliance policy (lists allowed and kMin per
// purpose, the owner's retention), list provenance (which partner member each list member was matched through)
// and the receivers' feed of list-member removals.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('publications')
    .addColumn('lists_mask', 'integer')
    .addColumn('k_min_by_purpose', 'jsonb')
    .execute();
  await db.schema
    .alterTable('publication_versions')
    .addColumn('lists_mask', 'integer')
    .addColumn('k_min_by_purpose', 'jsonb')
    .addColumn('retention_days', 'integer')
    .execute();

  await db.schema
    .createTable('list_links')
    .addColumn('list_id', 'uuid', (c) => c.notNull())
    .addColumn('member_id', 'bytea', (c) => c.notNull())
    .addColumn('counterpart_publication_id', 'uuid', (c) => c.notNull())
    .addColumn('counterpart_member_id', 'bytea', (c) => c.notNull())
    .addPrimaryKeyConstraint('list_links_pk', [
      'list_id',
      'member_id',
      'counterpart_publication_id',
      'counterpart_member_id',
    ])
    .execute();
  await db.schema
    .createIndex('list_links_counterpart')
    .on('list_links')
    .columns(['counterpart_publication_id', 'counterpart_member_id'])
    .execute();

  await db.schema
    .createTable('list_removals')
    .addColumn('seq', 'bigserial', (c) => c.primaryKey())
    .addColumn('list_id', 'uuid', (c) => c.notNull())
    .addColumn('receiver_id', 'uuid', (c) => c.notNull())
    .addColumn('member_id', 'bytea', (c) => c.notNull())
    .addColumn('removed_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('list_removals_receiver')
    .on('list_removals')
    .columns(['receiver_id', 'seq'])
    .execute();
}
