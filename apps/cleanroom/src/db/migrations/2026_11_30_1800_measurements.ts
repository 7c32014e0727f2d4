// Cross-partner campaign measurement: the converted set a list's receiver publishes, and the cached noisy answers
// given to the partners who enabled the list. Frozen in time: never import app code here.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // One row per (list, campaign key); a re-publish bumps `version` and replaces the members.
  // Deleting a list (a member leaves, the collaboration ends) deletes its measurements with it.
  await db.schema
    .createTable('measurements')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('collaboration_id', 'uuid', (c) => c.notNull())
    .addColumn('list_id', 'uuid', (c) => c.notNull().references('lists.id').onDelete('cascade'))
    .addColumn('publisher_id', 'uuid', (c) => c.notNull())
    .addColumn('campaign_key', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('revenue_band', 'text')
    .addColumn('published_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('measurements_list_campaign_uq', ['list_id', 'campaign_key'])
    .execute();
  // grp 0 = treated, 1 = holdout. Counted only through a join with list_members, so a withdrawal delta that
  // removes someone from the list removes them from every measurement at once.
  await db.schema
    .createTable('measurement_members')
    .addColumn('measurement_id', 'uuid', (c) => c.notNull().references('measurements.id').onDelete('cascade'))
    .addColumn('member_id', 'bytea', (c) => c.notNull())
    .addColumn('grp', 'smallint', (c) => c.notNull())
    .addColumn('converted', 'boolean', (c) => c.notNull())
    .addPrimaryKeyConstraint('measurement_members_pk', ['measurement_id', 'member_id'])
    .execute();
  await db.schema
    .createTable('measurement_results')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('measurement_id', 'uuid', (c) => c.notNull().references('measurements.id').onDelete('cascade'))
    .addColumn('requester_id', 'uuid', (c) => c.notNull())
    .addColumn('query_hash', 'bytea', (c) => c.notNull())
    .addColumn('result', 'jsonb', (c) => c.notNull())
    .addColumn('epsilon_charged', 'float8', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('measurement_results_query_uq', ['requester_id', 'query_hash'])
    .execute();
}
