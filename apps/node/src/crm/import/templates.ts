// Import templates: a named column mapping per import kind, shared by the node's administrators.
import { ConcordError } from '@concord/protocol/errors';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/database.ts';
import type { Deps } from '../../deps.ts';
import type { ColumnMapping } from './mapping.ts';

export interface ImportTemplate {
  id: string;
  kind: string;
  name: string;
  mapping: ColumnMapping;
  updatedAt: Date;
}

type Row = { id: string; kind: string; name: string; mapping: unknown; updated_at: Date };

const toTemplate = (r: Row): ImportTemplate => ({
  id: r.id,
  kind: r.kind,
  name: r.name,
  mapping: (typeof r.mapping === 'string' ? JSON.parse(r.mapping) : r.mapping) as ColumnMapping,
  updatedAt: r.updated_at,
});

export async function listTemplates(db: Kysely<Database>, kind: string): Promise<ImportTemplate[]> {
  const rows = await db
    .selectFrom('import_template')
    .select(['id', 'kind', 'name', 'mapping', 'updated_at'])
    .where('kind', '=', kind)
    .orderBy('name')
    .execute();
  return rows.map(toTemplate);
}

export async function getTemplate(db: Kysely<Database>, id: string): Promise<ImportTemplate> {
  const row = await db
    .selectFrom('import_template')
    .select(['id', 'kind', 'name', 'mapping', 'updated_at'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw new ConcordError('NOT_FOUND', 'no such import template');
  return toTemplate(row);
}

/** Creates the template, or replaces the mapping of the one with the same kind and name. */
export async function saveTemplate(
  deps: Pick<Deps, 'db' | 'now'>,
  input: { kind: string; name: string; mapping: ColumnMapping; createdBy: string },
): Promise<ImportTemplate> {
  const mapping = JSON.stringify(input.mapping);
  const now = deps.now();
  const row = await deps.db
    .insertInto('import_template')
    .values({ kind: input.kind, name: input.name, mapping, created_by: input.createdBy })
    .onConflict((oc) => oc.columns(['kind', 'name']).doUpdateSet({ mapping, updated_at: now }))
    .returning(['id', 'kind', 'name', 'mapping', 'updated_at'])
    .executeTakeFirstOrThrow();
  return toTemplate(row);
}

export async function deleteTemplate(db: Kysely<Database>, id: string): Promise<{ id: string }> {
  const gone = await db.deleteFrom('import_template').where('id', '=', id).returning('id').executeTakeFirst();
  if (!gone) throw new ConcordError('NOT_FOUND', 'no such import template');
  return gone;
}
