// Invitations: one-time codes the operator issues so a node joins by itself (registers its key, gets a credential).
// Frozen in time: never import app code here.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table invitations (
    id uuid primary key default gen_random_uuid(),
    code_hash bytea not null unique,
    name text not null,
    industry text not null,
    created_at timestamptz not null,
    expires_at timestamptz not null,
    redeemed_at timestamptz,
    partner_id uuid references partners(id),
    revoked_at timestamptz)`.execute(db);
}
