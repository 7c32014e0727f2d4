// Issue 11 item 2: no value from a request or a row reaches a log, on any error path, on PGlite and Postgres.
// Every procedure of the router is called by every role with a unique canary in every string field (derived from
// its zod schema), once clean and once with NUL bytes; then every table gets a trigger that fails each write
// with the row's values in the error (message, detail, hint), and everything runs again, CSV uploads included.
// Every log line is captured and searched for every canary.
import { randomBytes } from 'node:crypto';
import { createTestDatabaseUrl, dropTestDatabase, testServerUrl } from '@concord/db/testing';
import { createLogger } from '@concord/service';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from '../src/api/router.ts';
import { NodeConfig } from '../src/env.ts';
import { type NodeService, startNode } from '../src/server.ts';
import { canaryInput, repairInput } from './canary-input.ts';
import { userWithToken } from './user-with-token.ts';

const RUN = `cnry${randomBytes(4).toString('hex')}`;
const lines: string[] = [];
const canaries: string[] = [];
let serial = 0;
let node: NodeService;
let databaseUrl: string | undefined;
const tokens: Record<string, string> = {};

const canary = () => {
  const c = `${RUN}x${(serial++).toString(36)}`;
  canaries.push(c);
  return c;
};

interface ProcDef {
  _def: { type: 'query' | 'mutation'; inputs: unknown[] };
}
const procedures = appRouter._def.procedures as Record<string, unknown> as Record<string, ProcDef>;

async function call(path: string, nul: boolean, role: string | null): Promise<void> {
  const proc = procedures[path]!;
  const schema = proc._def.inputs[0];
  const input = repairInput(schema, canaryInput(schema, { canary, nul }));
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (role) headers.authorization = `Bearer ${tokens[role]}`;
  const json = JSON.stringify(input ?? null);
  const res =
    proc._def.type === 'query'
      ? await fetch(`${node.url}/trpc/${path}?input=${encodeURIComponent(json)}`, { headers })
      : await fetch(`${node.url}/trpc/${path}`, { method: 'POST', headers, body: json });
  await res.text();
}

async function callEverything(nul: boolean): Promise<void> {
  for (const path of Object.keys(procedures).sort()) {
    if (path === 'auth.logout') continue;
    for (const role of [null, 'admin', 'compliance', 'marketer']) await call(path, nul, role);
  }
}

async function upload(kind: string, nul: boolean): Promise<void> {
  const n = nul ? '\u0000' : '';
  const csv = [
    'external_id,first_name,last_name,email,phone,birth_date,country',
    `${canary()},${canary()}${n},${canary()},${canary().toLowerCase()}@canary.test,+4915112345678,1980-01-01,DE`,
    `${canary()}${n},${canary()},${canary()}${n},x${n}@canary.test,+4915112345679,1981-02-02,DE`,
  ].join('\n');
  const res = await fetch(`${node.url}/api/imports/${kind}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${tokens.admin}`, 'content-type': 'text/csv' },
    body: csv,
  });
  await res.text();
}

const errorLines = () => lines.filter((l) => (JSON.parse(l) as { level: number }).level >= 50);

beforeAll(async () => {
  databaseUrl = testServerUrl() ? await createTestDatabaseUrl('log_canary') : undefined;
  const config = NodeConfig.parse({
    name: 'Canary Bank',
    industry: 'bank',
    port: 0,
    ...(databaseUrl ? { databaseUrl } : { dataDir: 'memory://' }),
    logLevel: 'trace',
  });
  const logger = createLogger('node:canary', 'trace', { write: (l: string) => lines.push(l) });
  node = await startNode(config, { logger });
  for (const role of ['admin', 'compliance', 'marketer'] as const) {
    const email = `${role}@canary.test`;
    const password = 'canary password 1';
    tokens[role] = (await userWithToken(node.db, { email, role, password, tokenName: 'canary' })).token;
  }
}, 60_000);

afterAll(async () => {
  await node?.stop();
  if (databaseUrl) await dropTestDatabase(databaseUrl);
});

describe('no request or row value in any log line', () => {
  it('every procedure × role with canaries, clean and with NUL bytes; CSV uploads too', async () => {
    await callEverything(false);
    await callEverything(true);
    await upload('customers', false);
    await upload('customers', true);
    expect(canaries.length).toBeGreaterThan(200);
    const leaked = canaries.filter((c) => lines.some((l) => l.includes(c)));
    expect(leaked).toEqual([]);
    expect(lines.filter((l) => l.includes(RUN))).toEqual([]);
  }, 300_000);

  it('database errors that carry row values (message, detail, hint) on every write', async () => {
    await sql`
      create or replace function canary_fail() returns trigger language plpgsql as $$
      begin
        raise exception 'row %', row_to_json(coalesce(new, old))::text
          using detail = row_to_json(coalesce(new, old))::text, hint = row_to_json(coalesce(new, old))::text;
      end $$`.execute(node.db);
    const tables = await sql<{ t: string }>`
      select table_name as t from information_schema.tables
      where table_schema = current_schema() and table_type = 'BASE TABLE'
        and table_name not like 'kysely%' and table_name not in ('app_user', 'api_token', 'user_session')`.execute(
      node.db,
    );
    for (const { t } of tables.rows) {
      await sql`create trigger canary_fail before insert or update or delete on ${sql.table(t)}
                for each row execute function canary_fail()`.execute(node.db);
    }
    const before = errorLines().length;
    await callEverything(false);
    await upload('customers', false);
    const failed = errorLines().slice(before);
    // The forced errors really were logged (customers.create writes a row, so its trigger fired)...
    expect(failed.some((l) => l.includes('"customers.create"'))).toBe(true);
    // ...and none of them carries a value.
    const leaked = canaries.filter((c) => lines.some((l) => l.includes(c)));
    expect(leaked).toEqual([]);
    expect(lines.filter((l) => l.includes(RUN))).toEqual([]);
  }, 300_000);
});
