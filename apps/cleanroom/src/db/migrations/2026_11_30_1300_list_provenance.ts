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

  await sql`create table list_links (
    list_id uuid not null, member_id bytea not null, counterpart_publication_id uuid not null,
    counterpart_member_id bytea not null, constraint list_links_pk
      primary key (list_id, member_id, counterpart_publication_id, counterpart_member_id))`.execute(db);
  await sql`create index list_links_counterpart on list_links (counterpart_publication_id, counterpart_member_id)`.execute(
    db,
  );
  await sql`create table list_removals (
    seq bigserial primary key, list_id uuid not null, receiver_id uuid not null, member_id bytea not null,
    removed_at timestamptz not null default now())`.execute(db);
  await sql`create index list_removals_receiver on list_removals (receiver_id, seq)`.execute(db);
}
