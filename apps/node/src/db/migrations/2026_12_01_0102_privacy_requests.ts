// Data-subject requests as records (GDPR Art. 12, 15, 17, 21 and consent withdrawals): the compliance queue.
// Frozen in time: never import app code here.
import { type Kysely, sql } from 'kysely';

const STATEMENTS = [
  sql`create table privacy_request (
    id uuid primary key default gen_random_uuid(),
    kind text not null check (kind in ('withdrawal', 'erasure', 'objection', 'access')),
    -- No foreign key: an erasure deletes the customer, the request must stay (like erasure_tombstone).
    customer_id uuid not null,
    channel text not null
      check (channel in ('email', 'letter', 'phone', 'web_form', 'in_person', 'app', 'other')),
    reference text check (reference is null or length(reference) between 1 and 200),
    purposes text[],
    received_at timestamptz not null,
    due_at timestamptz not null,
    extended_due_at timestamptz,
    extension_reason text,
    extended_by uuid,
    extended_at timestamptz,
    status text not null default 'open'
      check (status in ('open', 'waiting_propagation', 'completed')),
    owner_id uuid references app_user(id) on delete set null,
    note text,
    created_by uuid,
    created_at timestamptz not null default now(),
    actioned_at timestamptz,
    completed_at timestamptz,
    completion jsonb,
    constraint privacy_request_erasure_reference check (kind <> 'erasure' or reference is not null),
    constraint privacy_request_extension check ((extended_due_at is null) = (extension_reason is null)))`,
  sql`create index privacy_request_queue_idx on privacy_request (status, due_at)`,
  sql`create index privacy_request_customer_idx on privacy_request (customer_id)`,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of STATEMENTS) await statement.execute(db);
}
