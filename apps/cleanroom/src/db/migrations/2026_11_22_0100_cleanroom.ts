// Frozen in time: never import app code here. The clean room's registry, collaborations, publications,
// matches, lists, budgets, idempotency keys and hash-chained audit log. Token rows live in one table per
// publication version (`pt_<version hex>`), created at runtime; see docs/cleanroom.md.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('partners')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('industry', 'text', (c) => c.notNull())
    .addColumn('public_key', 'bytea', (c) => c.notNull())
    .addColumn('credential_hash', 'bytea', (c) => c.notNull().unique())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('active'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();

  await db.schema
    .createTable('idempotency_keys')
    .addColumn('owner', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('request_hash', 'bytea', (c) => c.notNull())
    .addColumn('response', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('idempotency_keys_pk', ['owner', 'key'])
    .execute();

  await db.schema
    .createTable('collaborations')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('proposer_id', 'uuid', (c) => c.notNull().references('partners.id'))
    .addColumn('purposes', 'jsonb', (c) => c.notNull())
    .addColumn('policy', 'jsonb', (c) => c.notNull())
    .addColumn('token_mode', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('activated_at', 'timestamptz')
    .addColumn('suspended_by', 'uuid')
    .execute();

  await db.schema
    .createTable('collaboration_members')
    .addColumn('collaboration_id', 'uuid', (c) => c.notNull().references('collaborations.id'))
    .addColumn('partner_id', 'uuid', (c) => c.notNull().references('partners.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('approved_at', 'timestamptz')
    .addColumn('k_min_floor', 'integer')
    .addColumn('officer', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('wrapped_secret', 'jsonb')
    .addPrimaryKeyConstraint('collaboration_members_pk', ['collaboration_id', 'partner_id'])
    .execute();
  await db.schema
    .createIndex('collaboration_members_partner')
    .on('collaboration_members')
    .column('partner_id')
    .execute();

  await db.schema
    .createTable('publications')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('collaboration_id', 'uuid', (c) => c.notNull().references('collaborations.id'))
    .addColumn('owner_id', 'uuid', (c) => c.notNull().references('partners.id'))
    .addColumn('segment_key', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('k_min', 'integer')
    .addColumn('live_version_id', 'uuid')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('publications_segment', ['collaboration_id', 'owner_id', 'segment_key'])
    .execute();

  await db.schema
    .createTable('publication_versions')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('publication_id', 'uuid', (c) => c.notNull().references('publications.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('records', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('members', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('revision', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('committed_at', 'timestamptz')
    .addColumn('expires_at', 'timestamptz')
    .addUniqueConstraint('publication_versions_number', ['publication_id', 'version'])
    .execute();

  await db.schema
    .createTable('publication_batches')
    .addColumn('version_id', 'uuid', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('records', 'integer', (c) => c.notNull())
    .addColumn('checksum', 'bytea', (c) => c.notNull())
    .addPrimaryKeyConstraint('publication_batches_pk', ['version_id', 'seq'])
    .execute();

  await db.schema
    .createTable('budgets')
    .addColumn('collaboration_id', 'uuid', (c) => c.notNull())
    .addColumn('partner_id', 'uuid', (c) => c.notNull())
    .addColumn('spent', 'float8', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('budgets_pk', ['collaboration_id', 'partner_id'])
    .execute();

  await db.schema
    .createTable('matches')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('collaboration_id', 'uuid', (c) => c.notNull())
    .addColumn('requester_id', 'uuid', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('query_hash', 'bytea', (c) => c.notNull())
    .addColumn('data_version', 'text', (c) => c.notNull())
    .addColumn('result', 'jsonb', (c) => c.notNull())
    .addColumn('epsilon_charged', 'float8', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('matches_query', ['collaboration_id', 'requester_id', 'query_hash'])
    .execute();

  await db.schema
    .createTable('lists')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('collaboration_id', 'uuid', (c) => c.notNull())
    .addColumn('match_id', 'uuid', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('receiver_id', 'uuid', (c) => c.notNull())
    .addColumn('requester_id', 'uuid', (c) => c.notNull())
    .addColumn('publication_id', 'uuid', (c) => c.notNull())
    .addColumn('version_id', 'uuid', (c) => c.notNull())
    .addColumn('counterpart_publication_ids', 'jsonb', (c) => c.notNull())
    .addColumn('purpose', 'text', (c) => c.notNull())
    .addColumn('offer', 'jsonb')
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('lists_receiver').on('lists').columns(['receiver_id', 'created_at']).execute();

  await db.schema
    .createTable('list_members')
    .addColumn('list_id', 'uuid', (c) => c.notNull())
    .addColumn('member_id', 'bytea', (c) => c.notNull())
    .addPrimaryKeyConstraint('list_members_pk', ['list_id', 'member_id'])
    .execute();

  await db.schema
    .createTable('audit_events')
    .addColumn('seq', 'bigint', (c) => c.primaryKey())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'uuid')
    .addColumn('collaboration_id', 'uuid')
    .addColumn('partner_ids', sql`uuid[]`, (c) => c.notNull())
    .addColumn('details', 'jsonb', (c) => c.notNull())
    .addColumn('prev_hash', 'bytea', (c) => c.notNull())
    .addColumn('hash', 'bytea', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('audit_events_partners')
    .on('audit_events')
    .using('gin')
    .column('partner_ids')
    .execute();

  // One row: the chain head. Appenders lock it, so concurrent appends serialize into one chain.
  await db.schema
    .createTable('audit_head')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('hash', 'bytea', (c) => c.notNull())
    .execute();
  await sql`insert into audit_head (id, seq, hash) values (1, 0, ${new Uint8Array(32)})`.execute(db);
}
