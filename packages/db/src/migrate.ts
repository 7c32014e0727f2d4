// Runs a service's migrations, given as a static record so they work the same under tsx, vitest and bundlers.
import type { Kysely } from 'kysely';
import { type Migration, type MigrationProvider, Migrator } from 'kysely/migration';

export type Migrations = Record<string, Migration>;

class StaticProvider implements MigrationProvider {
  constructor(private readonly migrations: Migrations) {}
  async getMigrations(): Promise<Migrations> {
    return this.migrations;
  }
}

/** Thrown when a migration fails; names the migration. */
export class MigrationError extends Error {
  override readonly name = 'MigrationError';
}

/** Applies every pending migration in name order; returns the names applied now. */
export async function migrateToLatest(db: Kysely<any>, migrations: Migrations): Promise<string[]> {
  const migrator = new Migrator({ db, provider: new StaticProvider(migrations) });
  const { error, results = [] } = await migrator.migrateToLatest();
  const failed = results.find((r) => r.status === 'Error');
  if (error || failed) {
    const cause = error instanceof Error ? error.message : String(error);
    throw new MigrationError(`migration ${failed?.migrationName ?? '?'} failed: ${cause}`);
  }
  return results.filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
