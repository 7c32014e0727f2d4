// Public surface of @concord/db: connection factory, migration runner, version numbering.
export {
  createDatabase,
  DatabaseUnavailableError,
  type DbConfig,
  type DbHandle,
  type DbKind,
  redactUrl,
} from './connect.ts';
export { MigrationError, type Migrations, migrateToLatest } from './migrate.ts';
export { pingDatabase } from './ping.ts';
export { nextVersion } from './versions.ts';
