// Frozen in time: never import app code here. Imports gain the status `interrupted`: a job the node was running
// when it stopped (crash, kill). Marked at startup; resumable like a failed one.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table import_job drop constraint if exists import_job_status_check`.execute(db);
  await sql`alter table import_job add constraint import_job_status_check
            check (status in ('running', 'completed', 'failed', 'interrupted'))`.execute(db);
}
