// A throwaway second PostgreSQL server for sharding tests: Debian's pg_createcluster on a free port, trust auth on
// the loopback, dropped afterwards. Available where the Debian postgresql-common tools are (as in CI).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import pg from 'pg';

const PG_LIB = '/usr/lib/postgresql';

export function canCreateClusters(): boolean {
  return existsSync('/usr/bin/pg_createcluster') && existsSync(PG_LIB) && readdirSync(PG_LIB).length > 0;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      s.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export interface LocalCluster {
  port: number;
  /** Creates a database on the cluster and returns its URL. */
  database(name: string): Promise<string>;
  drop(): void;
}

export async function createLocalCluster(name: string): Promise<LocalCluster> {
  const version = readdirSync(PG_LIB).sort((a, b) => Number(b) - Number(a))[0] as string;
  const port = await freePort();
  const ctl = (...args: string[]) =>
    execFileSync('pg_ctlcluster', ['--skip-systemctl-redirect', version, name, ...args]);
  execFileSync('pg_createcluster', [version, name, '-p', String(port), '--', '--auth=trust'], {
    stdio: 'ignore',
  });
  ctl('start');
  return {
    port,
    async database(db: string) {
      const client = new pg.Client({ host: '127.0.0.1', port, user: 'postgres', database: 'postgres' });
      await client.connect();
      try {
        await client.query(`create database ${db}`);
      } finally {
        await client.end();
      }
      return `postgres://postgres@127.0.0.1:${port}/${db}`;
    },
    drop() {
      try {
        ctl('stop', '-m', 'immediate');
      } finally {
        execFileSync('pg_dropcluster', [version, name], { stdio: 'ignore' });
      }
    },
  };
}
