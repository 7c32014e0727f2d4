// Cross-partner campaign measurement: the converted set a list's receiver publishes, and the cached noisy answers
// given to the partners who enabled the list. Frozen in time: never import app code here.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  // One row per (list, campaign key); a re-publish bumps `version` and replaces the members.
  // Deleting a list (a member leaves, the collaboration ends) deletes its measurements with it.
  await sql`create table measurements (
    id uuid primary key default gen_random_uuid(), collaboration_id uuid not null,
    list_id uuid not null references lists (id) on delete cascade, publisher_id uuid not null,
    campaign_key text not null, version integer not null, revenue_band text, published_at timestamptz not null,
    constraint measurements_list_campaign_uq unique (list_id, campaign_key))`.execute(db);
  // grp 0 = treated, 1 = holdout. Counted only through a join with list_members, so a withdrawal delta that
  // removes someone from the list removes them from every measurement at once.
  await sql`create table measurement_members (
    measurement_id uuid not null references measurements (id) on delete cascade, member_id bytea not null,
    grp smallint not null, converted boolean not null,
    constraint measurement_members_pk primary key (measurement_id, member_id))`.execute(db);
  await sql`create table measurement_results (
    id uuid primary key default gen_random_uuid(),
    measurement_id uuid not null references measurements (id) on delete cascade, requester_id uuid not null,
    query_hash bytea not null, result jsonb not null, epsilon_charged float8 not null,
    created_at timestamptz not null, constraint measurement_results_query_uq unique (requester_id, query_hash))`.execute(
    db,
  );
}
