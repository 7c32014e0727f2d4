// Issue 11 item 8: inputs derived from every procedure's zod schema — valid, random and hostile (NUL, lone
// surrogates, invalid UTF-8, huge strings, deep nesting) — never produce a 500, in-process or over HTTP.
import type { Role } from '@concord/access';
import type { TestDatabase } from '@concord/db/testing';
import { httpStatusOf } from '@concord/protocol/errors';
import { concordCodeOf } from '@concord/service/trpc';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from '../../src/api/router.ts';
import { hashPassword } from '../../src/auth/password.ts';
import type { Database } from '../../src/db/database.ts';
import { caller, openDb, PEOPLE } from '../consent/helpers.ts';
import { codeIn, signedInCookie, startTestNode, type TestNode } from './harness.ts';
import { arbitraryFor } from './zod-arbitrary.ts';

type Procedure = { _def: { type: string; inputs: unknown[] } };
const PROCEDURES = Object.entries(appRouter._def.procedures as unknown as Record<string, Procedure>).sort(
  ([a], [b]) => a.localeCompare(b),
);
const ROLES: Role[] = ['admin', 'compliance', 'marketer'];

/** The input arbitrary of a procedure: its (first) zod input schema, or nothing for input-less ones. */
function inputOf(proc: Procedure): fc.Arbitrary<unknown> {
  const schema = proc._def.inputs[0];
  return schema ? arbitraryFor(schema) : fc.constant(undefined);
}

/** Anything but a server error: the HTTP status of the code must be a 4xx (or 503 for a missing clean room). */
function isServerError(code: string | undefined): boolean {
  if (!code) return true;
  return code === 'INTERNAL' || (httpStatusOf(code as never) >= 500 && code !== 'UNAVAILABLE');
}

describe('in-process (createCaller), every procedure × every role', () => {
  let tdb: TestDatabase<Database>;
  beforeAll(async () => {
    tdb = await openDb('sec_no500');
    const hash = await hashPassword('property test password');
    await tdb.db
      .insertInto('app_user')
      .values(
        Object.values(PEOPLE).map((p) => ({ id: p.id, email: p.email, role: p.role, password_hash: hash })),
      )
      .execute();
  });
  afterAll(() => tdb?.destroy());

  it.each(PROCEDURES.map(([path, proc]) => [path, proc] as const))(
    '%s',
    async (path, proc) => {
      const callers = ROLES.map((role) => {
        let node: unknown = caller(tdb.db, role);
        for (const part of path.split('.')) node = (node as Record<string, unknown>)[part];
        return node as (input: unknown) => Promise<unknown>;
      });
      await fc.assert(
        fc.asyncProperty(inputOf(proc), async (input) => {
          for (const call of callers) {
            try {
              await call(input);
            } catch (error) {
              const code = concordCodeOf(error);
              if (isServerError(code)) throw new Error(`${path} → ${code}: ${(error as Error).message}`);
            }
          }
        }),
        { numRuns: 15 },
      );
      // Fifteen inputs × three roles; generous for a busy shared machine (no figure is asserted).
    },
    180_000,
  );
});

describe('over HTTP, with raw bytes too', () => {
  let t: TestNode;
  const cookies = {} as Record<Role, string>;
  beforeAll(async () => {
    t = await startTestNode('no500_http');
    for (const role of ROLES) cookies[role] = await signedInCookie(t, `${role}@no500.test`, role);
  }, 120_000);
  afterAll(() => t?.stop());

  async function send(path: string, type: string, role: Role, body: string | Uint8Array) {
    const headers = { cookie: cookies[role], 'x-concord-request': '1', 'content-type': 'application/json' };
    const res =
      type === 'query'
        ? await fetch(`${t.url}/trpc/${path}?input=${encodeURIComponent(String(body))}`, { headers })
        : await fetch(`${t.url}/trpc/${path}`, { method: 'POST', headers, body });
    const text = await res.text();
    // Node's own parser answers an oversized URL (a huge `?input=`) 431 with an empty body.
    return { status: res.status, code: /^[[{]/.test(text) ? codeIn(text) : undefined };
  }

  const rawBody = fc.oneof(
    fc.uint8Array({ maxLength: 64 }),
    fc.constant(Uint8Array.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d])), // {"a":"\xc3("}
    fc.constant(Uint8Array.from([0xed, 0xa0, 0x80])), // an encoded surrogate: invalid UTF-8
    fc.constant(new TextEncoder().encode(`${'['.repeat(100_000)}${']'.repeat(100_000)}`)),
    fc.constant(new TextEncoder().encode(`{"input":${'{"a":'.repeat(20_000)}1${'}'.repeat(20_001)}`)),
  );

  it('answers every procedure with a 4xx (or success) for schema-derived, hostile and raw bodies', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...PROCEDURES.map(([path]) => path)),
        fc.constantFrom(...ROLES),
        fc.oneof({ weight: 3, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: rawBody }),
        fc.context(),
        async (path, role, raw, ctx) => {
          const proc = (appRouter._def.procedures as unknown as Record<string, Procedure>)[path]!;
          const input = fc.sample(inputOf(proc), 1)[0];
          const body = raw ?? JSON.stringify(input ?? null);
          const type = raw && proc._def.type === 'query' ? 'mutation' : proc._def.type;
          const reply = await send(path, type, role, body);
          ctx.log(`${path} as ${role}: ${reply.status} ${reply.code}`);
          const failed = reply.status >= 500 && !(reply.status === 503 && reply.code === 'UNAVAILABLE');
          expect({ path, status: reply.status, code: reply.code, failed }).toEqual({
            path,
            status: reply.status,
            code: reply.code,
            failed: false,
          });
          expect(reply.code).not.toBe('INTERNAL');
        },
      ),
      { numRuns: 300 },
    );
    expect(t.log.lines.filter((l) => l.level >= 50)).toEqual([]);
  }, 600_000);
});
