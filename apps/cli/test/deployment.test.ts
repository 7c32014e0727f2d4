// Deployment end to end, as docs/deployment.md tells it: a clean room and two nodes as separate processes with no
// seed; first-run setup; both nodes join through invitations; rules → collaboration → publish → match → list
// export — every step through the `concord` CLI (docs: README, docs/deployment.md, `concord --help`).
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabaseUrl, dropTestDatabase, testServerUrl } from '@concord/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCompany, expectedCrossSell, PURPOSE } from './support/companies.ts';
import { concord } from './support/run.ts';
import { listeningUrl, type ServiceProcess, spawnService } from './support/services.ts';

const dir = mkdtempSync(join(tmpdir(), 'concord-deploy-'));
const operatorToken = randomBytes(24).toString('base64url');
const services: ServiceProcess[] = [];
const databases: string[] = [];
let cleanroomUrl = '';

async function storage(name: string): Promise<string[]> {
  if (!testServerUrl()) return ['--data-dir', join(dir, name, 'data')];
  const url = await createTestDatabaseUrl(`deploy_${name}`);
  databases.push(url);
  return ['--database-url', url];
}

/** A command that must succeed; returns its stdout. */
async function ok(argv: string[], env: Record<string, string>): Promise<string> {
  const r = await concord(argv, env);
  if (r.code !== 0) throw new Error(`concord ${argv.join(' ')} → exit ${r.code}\n${r.stderr}${r.stdout}`);
  return r.stdout;
}

interface Company {
  key: string;
  name: string;
  industry: 'bank' | 'insurance';
  url: string;
  process: ServiceProcess;
  tokens: Record<'admin' | 'compliance' | 'marketer', string>;
}

/** `concord node init` writes the company's configuration file; the node starts from it alone. */
async function startCompany(key: string, name: string, industry: Company['industry']): Promise<Company> {
  const home = join(dir, key);
  mkdirSync(home);
  const store = await storage(key);
  const config = join(home, 'concord.node.json');
  await ok(
    [
      'node',
      'init',
      '--name',
      name,
      '--industry',
      industry,
      '--region',
      'DE',
      '--cleanroom-url',
      cleanroomUrl,
      '--listen',
      '127.0.0.1:0',
      store[0] === '--database-url' ? '--database-url' : '--data-dir',
      store[1]!,
      '--out',
      config,
    ],
    {},
  );
  const node = spawnService('apps/node/src/main.ts', ['--config', config]);
  services.push(node);
  const url = await listeningUrl(node);
  return { key, name, industry, url, process: node, tokens: { admin: '', compliance: '', marketer: '' } };
}

/** First-run setup from the printed code, then the compliance officer and the marketer with their API tokens. */
async function setUp(company: Company): Promise<void> {
  const [, code] = await company.process.waitForLine(/concord setup admin --node \S+ --code (\S+)/);
  const env = { CONCORD_NODE_URL: company.url, CONCORD_NEW_PASSWORD: 'correct horse battery staple' };
  const email = (role: string) => `${role}@${company.key}.example`;
  company.tokens.admin = (
    await ok(['setup', 'admin', '--code', code!, '--email', email('admin')], env)
  ).trim();
  const asAdmin = { ...env, CONCORD_TOKEN: company.tokens.admin };
  for (const role of ['compliance', 'marketer'] as const) {
    await ok(['users', 'create', email(role), role], asAdmin);
    // A token is issued by its holder (issue 12): the user signs in and issues their own.
    company.tokens[role] = await ownToken(company.url, email(role), env.CONCORD_NEW_PASSWORD);
  }
}

/** Signs in over HTTP like the console (CSRF header, session cookie) and issues the user's own API token. */
async function ownToken(url: string, email: string, password: string): Promise<string> {
  const headers = { 'content-type': 'application/json', 'x-concord-request': '1' };
  const login = await fetch(`${url}/trpc/auth.login`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ email, password }),
  });
  expect(login.status).toBe(200);
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
  const issued = await fetch(`${url}/trpc/users.createToken`, {
    method: 'POST',
    headers: { ...headers, cookie },
    body: JSON.stringify({ name: 'deployment test' }),
  });
  expect(issued.status).toBe(200);
  return ((await issued.json()) as { result: { data: { token: string } } }).result.data.token;
}

function as(company: Company, role: keyof Company['tokens']): Record<string, string> {
  return { CONCORD_NODE_URL: company.url, CONCORD_TOKEN: company.tokens[role] };
}

const operator = () => ({ CONCORD_CLEANROOM_URL: cleanroomUrl, CONCORD_OPERATOR_TOKEN: operatorToken });

let bank: Company;
let insurer: Company;

beforeAll(async () => {
  const cleanroom = spawnService('apps/cleanroom/src/main.ts', [
    '--port',
    '0',
    '--operator-token',
    operatorToken,
    ...(await storage('cleanroom')),
  ]);
  services.push(cleanroom);
  cleanroomUrl = await listeningUrl(cleanroom);
  [bank, insurer] = await Promise.all([
    startCompany('bank', 'Northwind Bank', 'bank'),
    startCompany('insurer', 'Harbor Insurance', 'insurance'),
  ]);
  // Processes and databases start on a shared machine: a generous guard, not a speed claim.
}, 600_000);

afterAll(async () => {
  await Promise.all(services.map((s) => s.stop()));
  await Promise.all(databases.map((d) => dropTestDatabase(d)));
  rmSync(dir, { recursive: true, force: true });
  // Three processes shut down gracefully (in-flight requests, databases closed) on a loaded machine.
}, 120_000);

describe('deployment: two companies and a neutral operator, CLI only', () => {
  it('sets up, joins, and runs rules → collaboration → publish → match → list export', async () => {
    for (const company of [bank, insurer]) await setUp(company);

    // The operator invites each company; each admin redeems its code from the node.
    for (const company of [bank, insurer]) {
      const invited = JSON.parse(
        await ok(
          ['cleanroom', 'invitation', 'create', company.name, '--industry', company.industry, '--json'],
          operator(),
        ),
      ) as { code: string };
      expect(await ok(['node', 'join', '--code', invited.code], as(company, 'admin'))).toContain(
        `joined the clean room as ${company.name}`,
      );
      expect(await ok(['node', 'status'], as(company, 'admin'))).toContain(`connected as ${company.name}`);
    }
    const invitations = await ok(['cleanroom', 'invitation', 'list'], operator());
    expect(invitations.match(/redeemed/g)).toHaveLength(2);

    // Each admin imports its customers and consents; a bad row is reported and the exit code says so.
    const data = { bank: buildCompany('bank'), insurer: buildCompany('insurer') };
    for (const company of [bank, insurer]) {
      const files = data[company.key as 'bank' | 'insurer'];
      const customers = join(dir, `${company.key}-customers.csv`);
      const consents = join(dir, `${company.key}-consents.csv`);
      writeFileSync(customers, files.customersCsv);
      writeFileSync(consents, files.consentsCsv);
      const imported = await concord(['import', 'customers', customers], as(company, 'admin'));
      expect(imported.code).toBe(files.rejectedCustomerRows > 0 ? 3 : 0);
      expect(imported.stdout).toContain(`rejected    ${files.rejectedCustomerRows}`);
      expect(imported.stdout).toContain(`warnings    ${files.warnedCustomerRows} row(s)`);
      expect(await ok(['import', 'consents', consents], as(company, 'admin'))).toContain(
        'rejected             0',
      );
      const partnerIndustry = company.industry === 'bank' ? 'insurance' : 'bank';
      await ok(
        ['rules', 'set', PURPOSE, '--industries', partnerIndustry, '--k-min', '3'],
        as(company, 'compliance'),
      );
      const rule = JSON.stringify({ type: 'field', field: 'country', op: 'eq', value: 'DE' });
      await ok(['segments', 'create', 'Germany', '--rule', rule], as(company, 'marketer'));
    }

    // The insurer proposes, the bank approves.
    const partners = (await ok(['collaborations', 'partners', '--json'], as(insurer, 'compliance')))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: string; name: string });
    const bankPartner = partners.find((p) => p.name === bank.name)!;
    const proposed = JSON.parse(
      await ok(
        [
          'collaborations',
          'propose',
          '--name',
          'Bank × Insurer',
          '--partner',
          bankPartner.id,
          '--purposes',
          PURPOSE,
          '--k-min',
          '3',
          '--min-segment',
          '3',
          '--cross-sell',
          '--json',
        ],
        as(insurer, 'compliance'),
      ),
    ) as { id: string };
    const approved = JSON.parse(
      await ok(['collaborations', 'approve', proposed.id, '--json'], as(bank, 'compliance')),
    ) as { status: string };
    expect(approved.status).toBe('active');

    // Both marketers publish their segment.
    const publications: Record<string, { publicationId: string; published: number }> = {};
    for (const company of [bank, insurer]) {
      const segments = (await ok(['segments', 'list', '--json'], as(company, 'marketer')))
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { id: string });
      publications[company.key] = JSON.parse(
        await ok(
          ['publish', 'segment', '--segment', segments[0]!.id, '--collaboration', proposed.id, '--json'],
          as(company, 'marketer'),
        ),
      );
    }
    expect(publications.bank!.published).toBe(data.bank.eligible.length);
    expect(publications.insurer!.published).toBe(data.insurer.eligible.length);

    // The insurer's marketer asks for a cross-sell list against the bank's publication and exports it.
    const partnerPublication = JSON.parse(
      (
        await ok(['match', 'partners', '--collaboration', proposed.id, '--json'], as(insurer, 'marketer'))
      ).trim(),
    ) as { id: string };
    const match = JSON.parse(
      await ok(
        [
          'match',
          'request',
          '--collaboration',
          proposed.id,
          '--publication',
          publications.insurer!.publicationId,
          '--partner',
          partnerPublication.id,
          '--kind',
          'cross-sell',
          '--purpose',
          PURPOSE,
          '--json',
        ],
        as(insurer, 'marketer'),
      ),
    ) as { audience: { audienceListId: string } };
    const out = join(dir, 'audience.csv');
    await ok(['lists', 'export', match.audience.audienceListId, '--out', out], as(insurer, 'marketer'));
    const exported = readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(',')[0]);
    expect(exported.sort()).toEqual(expectedCrossSell(data.bank, data.insurer).sort());
    // Known to the insurer by a national phone number only, matched all the same; withdrawn before publishing: out.
    expect(exported).toContain('INS-20');
    expect(exported).not.toContain('INS-22');
  }, 900_000);
});
