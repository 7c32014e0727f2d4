// Creates the per-service databases on a Postgres server when the federation runs on real Postgres.
import pg from 'pg';

/** Returns `server` with its database path replaced by `name`. */
export function databaseUrl(server: string, name: string): string {
  const url = new URL(server);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function ensureDatabase(server: string, name: string): Promise<void> {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`invalid database name ${name}`);
  const client = new pg.Client({ connectionString: databaseUrl(server, 'postgres') });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(`cannot connect to Postgres at ${new URL(server).host}: ${(error as Error).message}`);
  }
  try {
    const { rowCount } = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (!rowCount) await client.query(`create database "${name}"`);
  } finally {
    await client.end();
  }
}
