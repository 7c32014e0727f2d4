// Frozen in time: never import app code here. Nodes used to send their compliance officer's email as `officer`;
// the clean room must hold no personal data, and cannot map an email to the node's user id, so any stored value
// that is not an opaque label becomes the role label `compliance`.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    update collaboration_members set officer = 'compliance'
    where officer <> '' and officer !~ '^[A-Za-z0-9._:-]*$'`.execute(db);
}
