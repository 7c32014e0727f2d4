// No raw JSON from the CLI either: bad input to commands against a real node prints the node's refusal in words
// (through the CLI's one error printer), and an older node's raw zod JSON is worded too.
import { Writable } from 'node:stream';
import { createTestDatabaseUrl, dropTestDatabase, testServerUrl } from '@concord/db/testing';
import { silentLogger } from '@concord/service';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GROUPS } from '../../../cli/src/commands/index.ts';
import { dispatch, humanMessage } from '../../../cli/src/framework.ts';
import { createApiToken, createUser } from '../../src/auth/users.ts';
import { NodeConfig } from '../../src/env.ts';
import { type NodeService, startNode } from '../../src/server.ts';

let node: NodeService;
let databaseUrl: string | undefined;
let token: string;
const JSON_LIKE = /[[{]\s*"[^"\n]{1,40}"\s*:|"(origin|code|path|message|expected)"\s*:/;

async function cli(argv: string[], env: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  const sink = (add: (s: string) => void) =>
    new Writable({
      write(chunk, _e, done) {
        add(chunk.toString());
        done();
      },
    });
  const code = await dispatch(GROUPS, argv, {
    stdout: sink((s) => (stdout += s)),
    stderr: sink((s) => (stderr += s)),
    env: { CONCORD_NODE_URL: node.url, CONCORD_TOKEN: token, ...env },
  });
  return { code, stdout, stderr };
}

beforeAll(async () => {
  databaseUrl = testServerUrl() ? await createTestDatabaseUrl('cli_errors') : undefined;
  const config = NodeConfig.parse({
    name: 'Shop',
    port: 0,
    logLevel: 'silent',
    ...(databaseUrl ? { databaseUrl } : { dataDir: 'memory://' }),
  });
  node = await startNode(config, { logger: silentLogger() });
  const admin = await createUser(node.db, {
    email: 'admin@shop.test',
    role: 'admin',
    password: 'correct horse battery',
  });
  token = (await createApiToken(node.db, { userId: admin.id, name: 'cli' }, { id: null, email: 'system' }))
    .token;
}, 120_000);
afterAll(async () => {
  await node?.stop();
  if (databaseUrl) await dropTestDatabase(databaseUrl);
});

describe('the CLI prints refusals in words', () => {
  it('a malformed id, a bad email, a short password: words and the code, never JSON', async () => {
    const cases: [string[], Record<string, string>, string][] = [
      [['users', 'unlock', 'not-an-id'], {}, 'Id: this id is malformed (BAD_INPUT)'],
      [
        ['users', 'create', 'not-an-email', 'marketer'],
        { CONCORD_NEW_PASSWORD: 'long enough password' },
        'Email address: enter a valid email address (BAD_INPUT)',
      ],
      [['users', 'create', 'x@shop.test', 'marketer'], { CONCORD_NEW_PASSWORD: 'short' }, 'Password: '],
      [['users', 'unlock', '00000000-0000-4000-8000-000000000000'], {}, '(NOT_FOUND)'],
    ];
    for (const [argv, env, expected] of cases) {
      const out = await cli(argv, env);
      expect(out.code).toBe(1);
      expect(out.stderr).toContain(expected);
      expect(out.stderr).not.toMatch(JSON_LIKE);
    }
  });

  it('usage errors stay words too', async () => {
    const out = await cli(['users', 'create', 'x@shop.test', 'wizard']);
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('ROLE must be one of');
    expect(out.stderr).not.toMatch(JSON_LIKE);
  });

  it('raw zod JSON (from an older node) is put into words', () => {
    const raw = JSON.stringify(
      [
        {
          origin: 'string',
          code: 'too_small',
          minimum: 1,
          path: ['rule', 'rules', 5, 'key'],
          message: 'Too small: expected string to have >=1 characters',
        },
      ],
      null,
      2,
    );
    expect(humanMessage(raw)).toBe('Rule 6: choose an attribute');
    expect(humanMessage('{"weird": true}')).toBe('the node refused the request (no readable reason given)');
    expect(humanMessage('no such import')).toBe('no such import');
  });
});
