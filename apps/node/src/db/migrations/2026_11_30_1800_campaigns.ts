// Marketing and sales: channel costs, campaigns (members with holdout, contacts, cross-partner measurements) and
// deals. Acquisition channels live in the customer's and purchase's `attributes` (source/medium/campaign), so
// imports carry them without a format change. Frozen in time: never import app code here.
import { type Kysely, sql } from 'kysely';

const id = (c: any) => c.primaryKey().defaultTo(sql`gen_random_uuid()`);
const now = (c: any) => c.notNull().defaultTo(sql`now()`);

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('channel_cost')
    .addColumn('id', 'uuid', id)
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('medium', 'text', (c) => c.notNull())
    .addColumn('period_start', 'date', (c) => c.notNull())
    .addColumn('cost', sql`numeric(14,2)`, (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'timestamptz', now)
    .addUniqueConstraint('channel_cost_uq', ['source', 'medium', 'period_start'])
    .execute();

  await db.schema
    .createTable('campaign')
    .addColumn('id', 'uuid', id)
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('draft'))
    .addColumn('audience_kind', 'text', (c) => c.notNull())
    .addColumn('segment_id', 'uuid')
    .addColumn('audience_list_id', 'uuid')
    .addColumn('collaboration_id', 'text')
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('channels', 'jsonb', (c) => c.notNull())
    .addColumn('offer_product', 'text')
    .addColumn('offer_category', 'text')
    .addColumn('starts_on', 'date', (c) => c.notNull())
    .addColumn('ends_on', 'date')
    .addColumn('window_days', 'integer', (c) => c.notNull().defaultTo(30))
    .addColumn('owner_id', 'text', (c) => c.notNull())
    .addColumn('holdout_pct', 'integer', (c) => c.notNull().defaultTo(10))
    .addColumn('seed', 'text', (c) => c.notNull())
    .addColumn('cost', sql`numeric(14,2)`, (c) => c.notNull().defaultTo(0))
    .addColumn('launch_report', 'jsonb')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'timestamptz', now)
    .addColumn('launched_at', 'timestamptz')
    .execute();

  // One row per audience member at launch: group, and whether (and why) they were skipped.
  await db.schema
    .createTable('campaign_member')
    .addColumn('campaign_id', 'uuid', (c) => c.notNull().references('campaign.id').onDelete('cascade'))
    .addColumn('customer_id', 'uuid', (c) => c.notNull())
    .addColumn('grp', 'text', (c) => c.notNull())
    .addColumn('skipped_reason', 'text')
    .addColumn('skipped_at', 'timestamptz')
    .addColumn('first_contact_at', 'timestamptz')
    .addPrimaryKeyConstraint('campaign_member_pk', ['campaign_id', 'customer_id'])
    .execute();

  // Contact events: sent < delivered < opened < responded, one row per (campaign, customer, channel, status).
  await db.schema
    .createTable('campaign_contact')
    .addColumn('id', 'uuid', id)
    .addColumn('campaign_id', 'uuid', (c) => c.notNull().references('campaign.id').onDelete('cascade'))
    .addColumn('customer_id', 'uuid', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('occurred_at', 'timestamptz', (c) => c.notNull())
    .addColumn('recorded_by', 'text')
    .addColumn('created_at', 'timestamptz', now)
    .addUniqueConstraint('campaign_contact_uq', ['campaign_id', 'customer_id', 'channel', 'status'])
    .execute();

  // Follow-ups a personal-channel campaign created for its owner (cancelled when the member is skipped).
  await db.schema
    .createTable('campaign_follow_up')
    .addColumn('campaign_id', 'uuid', (c) => c.notNull().references('campaign.id').onDelete('cascade'))
    .addColumn('follow_up_id', 'uuid', (c) => c.notNull().references('follow_up.id').onDelete('cascade'))
    .addColumn('customer_id', 'uuid', (c) => c.notNull())
    .addPrimaryKeyConstraint('campaign_follow_up_pk', ['campaign_id', 'follow_up_id'])
    .execute();

  await db.schema
    .createTable('campaign_measurement')
    .addColumn('campaign_id', 'uuid', (c) => c.primaryKey().references('campaign.id').onDelete('cascade'))
    .addColumn('cleanroom_measurement_id', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('accepted', 'jsonb', (c) => c.notNull())
    .addColumn('published_at', 'timestamptz', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('deal')
    .addColumn('id', 'uuid', id)
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('customer_id', 'uuid', (c) => c.notNull())
    .addColumn('stage', 'text', (c) => c.notNull())
    .addColumn('amount', sql`numeric(14,2)`, (c) => c.notNull())
    .addColumn('probability', 'integer', (c) => c.notNull())
    .addColumn('expected_close', 'date', (c) => c.notNull())
    .addColumn('owner_id', 'text', (c) => c.notNull())
    .addColumn('product', 'text')
    .addColumn('category', 'text')
    .addColumn('campaign_id', 'uuid')
    .addColumn('purchase_id', 'uuid')
    .addColumn('closed_at', 'timestamptz')
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'timestamptz', now)
    .addColumn('updated_at', 'timestamptz', now)
    .execute();
  await db.schema.createIndex('deal_stage_idx').on('deal').columns(['stage', 'expected_close']).execute();
  await db.schema
    .createIndex('campaign_contact_customer_idx')
    .on('campaign_contact')
    .columns(['customer_id'])
    .execute();
}
