// No raw JSON from the CLI: refusals from a node (its real answer shape: words plus data.issues) and from an older
// node (zod's JSON as the message) print in words through the CLI's one error printer, for the typed client
// (`segments`) and the plain calls (`users`) alike; bad input of our own (a broken --rule) too.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { humanMessage } from '../src/framework.ts';
import { concord } from './support/run.ts';

const JSON_LIKE = /[[{]\s*"[^"\n]{1,40}"\s*:|"(origin|code|path|message|expected)"\s*:/;
const RULE_ISSUE = {
  path: ['rule', 'rules', 5, 'key'],
  code: 'too_small',
  origin: 'string',
  minimum: 1,
  message: 'Too small: expected string to have >=1 characters',
};
const ID_ISSUE = { path: ['id'], code: 'invalid_format', format: 'uuid', message: 'Invalid UUID' };

/** A tRPC error body as the node's formatter writes it; `raw` = an older node that sent zod's JSON as the message. */
function refusal(issue: object, raw = false) {
  const message = raw ? JSON.stringify([issue], null, 2) : 'see issues';
  return {
    error: {
      message,
      code: -32600,
      data: {
        code: 'BAD_REQUEST',
        httpStatus: 400,
        concordCode: 'BAD_INPUT',
        ...(raw ? {} : { issues: [issue] }),
      },
    },
  };
}

let server: Server;
let url: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      const body =
        path === '/trpc/segments.preview'
          ? refusal(RULE_ISSUE)
          : path === '/trpc/segments.create'
            ? refusal(RULE_ISSUE, true)
            : path === '/trpc/users.unlock'
              ? refusal(ID_ISSUE)
              : refusal(ID_ISSUE, true);
      res.writeHead(400, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => server.close());

const run = (argv: string[], env: Record<string, string> = {}) => concord([...argv, '--node', url], env);
const RULE = JSON.stringify({
  type: 'and',
  rules: [
    ...Array.from({ length: 5 }, () => ({ type: 'contact' })),
    { type: 'attribute', key: '', op: 'eq', value: 'x' },
  ],
});

describe('the CLI prints refusals in words', () => {
  it('validation issues from the node, through the typed client and the plain calls', async () => {
    const preview = await run(['segments', 'preview', '--rule', RULE]);
    expect(preview.code).toBe(1);
    expect(preview.stderr).toContain('Rule 6: choose an attribute [BAD_INPUT]');
    const unlock = await run(['users', 'unlock', 'not-an-id']);
    expect(unlock.stderr).toContain('Id: this id is malformed (BAD_INPUT)');
    for (const out of [preview, unlock]) expect(out.stderr).not.toMatch(JSON_LIKE);
  });

  it("an older node's raw zod JSON is put into words", async () => {
    const create = await run(['segments', 'create', 'Gold', '--rule', RULE]);
    expect(create.code).toBe(1);
    expect(create.stderr).toContain('Rule 6: choose an attribute');
    const reset = await run(['users', 'reset-password', 'not-an-id'], {
      CONCORD_NEW_PASSWORD: 'a long new password',
    });
    expect(reset.stderr).toContain('Id: this id is malformed');
    for (const out of [create, reset]) expect(out.stderr).not.toMatch(JSON_LIKE);
  });

  it('our own bad input: a broken --rule and an unknown role, in words', async () => {
    const broken = await run(['segments', 'preview', '--rule', '{"type":"and","rules":[']);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain('--rule is not valid JSON: check the quotes, commas and brackets');
    const role = await run(['users', 'create', 'x@shop.test', 'wizard']);
    expect(role.code).toBe(2);
    for (const out of [broken, role]) expect(out.stderr).not.toMatch(JSON_LIKE);
  });

  it('humanMessage: words pass, JSON is worded or replaced', () => {
    expect(humanMessage(JSON.stringify([RULE_ISSUE]))).toBe('Rule 6: choose an attribute');
    expect(humanMessage('{"weird": true}')).toBe('the node refused the request (no readable reason given)');
    expect(humanMessage('no such import')).toBe('no such import');
  });
});
