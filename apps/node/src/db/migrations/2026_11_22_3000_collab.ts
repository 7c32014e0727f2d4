// Federation tables: node keypair, collaborations, publications + member map, withdrawal outbox, audience lists.
// Frozen in time: never import app code here.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // This node's X25519 keypair; the private key is sealed (AEAD) before it is stored.
  await db.schema
    .createTable('collab_node_key')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('public_key', 'bytea', (c) => c.notNull())
    .addColumn('sealed_private_key', 'bytea', (c) => c.notNull())
    .addColumn('partner_id', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  // Local mirror of a clean-room collaboration; `id` is the clean room's id.
  await db.schema
    .createTable('collaboration')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('purposes', 'jsonb', (c) => c.notNull())
    .addColumn('policy', 'jsonb', (c) => c.notNull())
    .addColumn('token_mode', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('members', 'jsonb', (c) => c.notNull())
    .addColumn('proposer_id', 'text', (c) => c.notNull())
    .addColumn('proposed_by_us', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('sealed_secret', 'bytea')
    .addColumn('expires_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('publication')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('collaboration_id', 'text', (c) => c.notNull().references('collaboration.id'))
    .addColumn('segment_id', 'text', (c) => c.notNull())
    .addColumn('segment_name', 'text', (c) => c.notNull())
    .addColumn('cleanroom_publication_id', 'text')
    .addColumn('cleanroom_version_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('purposes', 'jsonb', (c) => c.notNull())
    .addColumn('segment_size', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('member_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('token_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('excluded', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('published_by', 'text')
    .addColumn('error', 'text')
    .addColumn('started_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('committed_at', 'timestamptz')
    .addColumn('replaced_at', 'timestamptz')
    .execute();
  await db.schema
    .createIndex('publication_collab_segment_idx')
    .on('publication')
    .columns(['collaboration_id', 'segment_id'])
    .execute();

  // Consent snapshot of a publish run: one set-based evaluation, then keyset pages over it (bounded memory).
  await db.schema
    .createTable('publication_candidate')
    .addColumn('publication_id', 'uuid', (c) => c.notNull().references('publication.id').onDelete('cascade'))
    .addColumn('customer_id', 'uuid', (c) => c.notNull())
    .addColumn('purpose_mask', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('publication_candidate_pk', ['publication_id', 'customer_id'])
    .execute();

  // member id -> customer; no FK to customer so erasure keeps the Art. 19 trail (customer id is then dangling).
  await db.schema
    .createTable('publication_member')
    .addColumn('publication_id', 'uuid', (c) => c.notNull().references('publication.id').onDelete('cascade'))
    .addColumn('member_id', 'bytea', (c) => c.notNull())
    .addColumn('customer_id', 'uuid', (c) => c.notNull())
    .addColumn('purpose_mask', 'integer', (c) => c.notNull())
    .addColumn('removed_at', 'timestamptz')
    .addColumn('removed_reason', 'text')
    .addPrimaryKeyConstraint('publication_member_pk', ['publication_id', 'member_id'])
    .execute();
  await db.schema
    .createIndex('publication_member_customer_idx')
    .on('publication_member')
    .column('customer_id')
    .execute();

  // Transactional outbox written in the same transaction as a consent change or erasure.
  await db.schema
    .createTable('withdrawal_outbox')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('customer_id', 'uuid', (c) => c.notNull())
    .addColumn('purpose', 'text')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`clock_timestamp()`))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`clock_timestamp()`))
    .addColumn('last_error', 'text')
    .addColumn('processed_at', 'timestamptz')
    .addColumn('removed_members', 'integer')
    .addColumn('delay_ms', 'integer')
    .execute();
  await sql`create index withdrawal_outbox_pending_idx on withdrawal_outbox (next_attempt_at) where processed_at is null`.execute(
    db,
  );

  // A list received from a match, resolved to own customers: a campaign audience with provenance.
  await db.schema
    .createTable('audience_list')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('cleanroom_list_id', 'text', (c) => c.notNull().unique())
    .addColumn('collaboration_id', 'text', (c) => c.notNull().references('collaboration.id'))
    .addColumn('match_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('partner_segments', 'jsonb', (c) => c.notNull())
    .addColumn('received_count', 'integer', (c) => c.notNull())
    .addColumn('resolved_count', 'integer', (c) => c.notNull())
    .addColumn('dropped', 'jsonb', (c) => c.notNull())
    .addColumn('fetched_by', 'text')
    .addColumn('fetched_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz')
    .execute();
  await db.schema
    .createTable('audience_list_member')
    .addColumn('list_id', 'uuid', (c) => c.notNull().references('audience_list.id').onDelete('cascade'))
    .addColumn('customer_id', 'uuid', (c) => c.notNull())
    .addColumn('removed_at', 'timestamptz')
    .addColumn('removed_reason', 'text')
    .addPrimaryKeyConstraint('audience_list_member_pk', ['list_id', 'customer_id'])
    .execute();
  await db.schema
    .createIndex('audience_list_member_customer_idx')
    .on('audience_list_member')
    .column('customer_id')
    .execute();

  // Match requests made from this node (the clean room is the source of truth; this is the local record).
  await db.schema
    .createTable('match_request')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('collaboration_id', 'text', (c) => c.notNull().references('collaboration.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('request', 'jsonb', (c) => c.notNull())
    .addColumn('result', 'jsonb')
    .addColumn('requested_by', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}
