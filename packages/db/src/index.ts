// Public surface of @concord/db: connection factory and migration runner.
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
