// Frozen in time: never import app code here. Replay responses of credential-issuing calls held the partner
// credential in clear; replace them with the "secret issued" marker, so the key still answers (ALREADY_ISSUED)
// and the change is still applied once, but no credential stays at rest.
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    update idempotency_keys set response = '{"$secretIssued":true}'::jsonb
    where path in ('operator.addPartner', 'operator.rotateCredential')`.execute(db);
}
