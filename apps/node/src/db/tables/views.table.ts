// Console tables: saved views (one user's named table state) and import column-mapping templates.
import type { ColumnType, Generated } from 'kysely';

type Json<T> = ColumnType<T, string, string>;

export interface SavedViewTable {
  id: Generated<string>;
  /** The user who saved it; nobody else reads it (CASL `SavedView { ownerId }`). */
  owner_id: string;
  /** Which console table (customers, audit, …): see api/views/tables.ts. */
  table_key: string;
  name: string;
  /** The table's URL parameters (search, sort, filters, page size) as saved. */
  state: Json<Record<string, string>>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface ImportTemplateTable {
  id: Generated<string>;
  kind: string;
  name: string;
  /** Source column (as in the file's header) → target column, or '' to ignore it. */
  mapping: Json<Record<string, string>>;
  created_by: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface ViewTables {
  saved_view: SavedViewTable;
  import_template: ImportTemplateTable;
}
