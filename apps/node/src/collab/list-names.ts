// List names are unique among the lists kept (case-insensitive; a partial unique index enforces it): a received
// list whose name is taken gets " (2)", " (3)", …; a rename to a taken name is refused with CONFLICT.
import { ConcordError } from '@concord/protocol/errors';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/database.ts';

async function nameTaken(db: Kysely<Database>, name: string, exceptId?: string): Promise<boolean> {
  let q = db
    .selectFrom('audience_list')
    .select('id')
    .where(sql`lower(name)`, '=', name.toLowerCase())
    .where('deleted_at', 'is', null);
  if (exceptId) q = q.where('id', '<>', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

/** `base`, or the first of "base (2)", "base (3)", … not used by a kept list. */
export async function freeListName(db: Kysely<Database>, base: string): Promise<string> {
  if (!(await nameTaken(db, base))) return base;
  for (let n = 2; ; n += 1) {
    const candidate = `${base} (${n})`;
    if (!(await nameTaken(db, candidate))) return candidate;
  }
}

/** CONFLICT (naming the field) when another kept list already has this name. */
export async function assertListNameFree(
  db: Kysely<Database>,
  name: string,
  exceptId: string,
): Promise<void> {
  if (await nameTaken(db, name, exceptId)) {
    throw new ConcordError('CONFLICT', `a list named “${name}” already exists; choose another name`, {
      field: 'name',
    });
  }
}
