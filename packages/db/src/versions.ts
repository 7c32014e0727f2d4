// Numbered versions under one key (a rule per purpose, a notice, a publication): the next number to write.

import { type Kysely, sql } from 'kysely';

/**
 * 1 + the highest `version` among the rows of `table` whose `keyColumn` equals `key` (1 when there are none).
 * Callers serialize writers of the same key (a lock or a unique constraint), or two may read the same number.
 */
export async function nextVersion(
  db: Kysely<any>,
  table: string,
  keyColumn: string,
  key: string,
): Promise<number> {
  const { rows } = await sql<{ v: number | string | null }>`
    select max(version) as v from ${sql.table(table)} where ${sql.ref(keyColumn)} = ${key}`.execute(db);
  return Number(rows[0]?.v ?? 0) + 1;
}
