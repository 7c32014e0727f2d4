// `concord cleanroom …` (apps/cli) against a real clean room: run as a separate process, as the operator would.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATOR_TOKEN, startTestCleanroom, type TestCleanroom } from './helpers.ts';

const CLI = new URL('../../cli/src/main.ts', import.meta.url).pathname;
const run = promisify(execFile);
let cr: TestCleanroom;

async function concord(args: string[], token = OPERATOR_TOKEN) {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', CLI, 'cleanroom', ...args], {
      env: { ...process.env, CONCORD_CLEANROOM_URL: cr.url, CONCORD_OPERATOR_TOKEN: token },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

beforeAll(async () => {
  cr = await startTestCleanroom('cli');
});

afterAll(async () => {
  await cr?.stop();
});

describe('concord cleanroom', () => {
  it('registers a partner, shows its credential once, lists, rotates, disables, and verifies the audit chain', async () => {
    const key = randomBytes(32).toString('base64url');
    const added = await concord([
      'partner',
      'add',
      'Acme Retail',
      '--industry',
      'retail',
      '--public-key',
      key,
      '--json',
    ]);
    expect(added.code).toBe(0);
    const { partner, credential } = JSON.parse(added.stdout) as {
      partner: { id: string };
      credential: string;
    };
    expect(credential).toMatch(/^ccp_[A-Za-z0-9_-]{43}$/);

    const listed = await concord(['partner', 'list']);
    expect(listed.stdout).toContain(`${partner.id}  active    retail        Acme Retail`);

    const rotated = await concord(['partner', 'rotate', partner.id, '--json']);
    const fresh = (JSON.parse(rotated.stdout) as { credential: string }).credential;
    expect(fresh).not.toBe(credential);

    expect((await concord(['partner', 'disable', partner.id])).stdout).toContain(
      'Acme Retail is now disabled',
    );
    const verified = await concord(['audit', 'verify']);
    expect(verified).toMatchObject({ code: 0 });
    expect(verified.stdout).toContain('audit chain intact: 3 events');
  });

  it('reports refusals with their code and a non-zero exit', async () => {
    const bad = await concord(['partner', 'add', 'X', '--industry', 'retail', '--public-key', 'short']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('BAD_INPUT');
    const wrong = await concord(['partner', 'list'], 'not-the-operator-token');
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('UNAUTHENTICATED');
    const usage = await concord(['partner', 'frobnicate']);
    expect(usage.code).toBe(2);
  });
});
