// Audience lists are filled page by page outside a transaction; `status` says whether one is complete.
// Frozen in time: never import app code here.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('audience_list')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('ready'))
    .execute();
}
