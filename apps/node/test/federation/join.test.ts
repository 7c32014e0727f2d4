// Joining the clean room with an invitation code from the node's admin: key registered, credential kept in the
// credential file (0600) and used at once; rotation and revocation from the node; refusals by code.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabaseUrl, dropTestDatabase, testServerUrl } from '@concord/db/testing';
import { silentLogger } from '@concord/service';
import { createTRPCClient, httpLink } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppRouter } from '../../src/api/router.ts';
import { NodeConfig } from '../../src/env.ts';
import { type NodeService, startNode } from '../../src/server.ts';
import { codeOf } from '../code-of.ts';
import { userWithToken } from '../user-with-token.ts';
import { type RunningCleanroom, startCleanroomProcess } from './harness.ts';

let cleanroom: RunningCleanroom;
let node: NodeService;
let databaseUrl: string | undefined;
const dir = mkdtempSync(join(tmpdir(), 'concord-join-'));
const credentialFile = join(dir, 'cleanroom.credential');
const tokens: Record<string, string> = {};

beforeAll(async () => {
  cleanroom = await startCleanroomProcess('join');
  databaseUrl = testServerUrl() ? await createTestDatabaseUrl('node_join') : undefined;
  const config = NodeConfig.parse({
    name: 'Harbor Insurance',
    industry: 'insurance',
    port: 0,
    ...(databaseUrl ? { databaseUrl } : { dataDir: 'memory://' }),
    cleanroomUrl: cleanroom.url,
    cleanroomCredentialFile: credentialFile,
    nodeSecret: randomBytes(24).toString('hex'),
    logLevel: 'silent',
  });
  node = await startNode(config, { logger: silentLogger() });
  for (const role of ['admin', 'compliance'] as const) {
    const user = { email: `${role}@join.test`, role, password: 'a long password' };
    tokens[role] = (await userWithToken(node.db, { ...user, tokenName: 't' })).token;
  }
  // A clean-room process and a node start on a shared machine: a generous guard, not a speed claim.
}, 300_000);
afterAll(async () => {
  await node?.stop();
  await cleanroom?.stop();
  if (databaseUrl) await dropTestDatabase(databaseUrl);
  rmSync(dir, { recursive: true, force: true });
});

const as = (role: string) =>
  createTRPCClient<AppRouter>({
    links: [httpLink({ url: `${node.url}/trpc`, headers: { authorization: `Bearer ${tokens[role]}` } })],
  });

describe('joining with an invitation code', () => {
  it('registers the node key, keeps the credential in a 0600 file and uses it at once', async () => {
    const before = await as('admin').system.status.query();
    expect(before.cleanroom.configured).toBe(false);
    const { code } = await cleanroom.operator.invite({ name: 'Harbor Insurance', industry: 'insurance' });
    expect(await codeOf(as('compliance').cleanroom.join.mutate({ code }))).toBe('FORBIDDEN');
    const joined = await as('admin').cleanroom.join.mutate({ code });
    expect(joined.partner).toMatchObject({ name: 'Harbor Insurance', industry: 'insurance' });
    const identity = await as('admin').system.identity.query();
    const registered = (await cleanroom.operator.operatorListPartners()).partners.find(
      (p) => p.id === joined.partner.id,
    );
    expect(registered?.publicKey).toBe(identity.publicKey);
    expect(statSync(credentialFile).mode & 0o777).toBe(0o600);
    expect(readFileSync(credentialFile, 'utf8').trim()).toMatch(/^ccp_/);
    const after = await as('admin').system.status.query();
    expect(after.cleanroom).toMatchObject({
      configured: true,
      reachable: true,
      partnerName: 'Harbor Insurance',
    });
    // The node audits the join; the credential never appears in its audit log.
    const events = await node.db.selectFrom('audit_event').selectAll().execute();
    expect(events.map((e) => e.action)).toContain('cleanroom.joined');
    expect(JSON.stringify(events)).not.toContain(readFileSync(credentialFile, 'utf8').trim());
    const second = await cleanroom.operator.invite({ name: 'Harbor Insurance', industry: 'insurance' });
    expect(await codeOf(as('admin').cleanroom.join.mutate({ code: second.code }))).toBe('CONFLICT');
  });

  it('rotates: the file holds a new credential that works, the old one is refused', async () => {
    const old = readFileSync(credentialFile, 'utf8').trim();
    await as('admin').cleanroom.rotate.mutate();
    const fresh = readFileSync(credentialFile, 'utf8').trim();
    expect(fresh).not.toBe(old);
    expect((await as('admin').system.status.query()).cleanroom.reachable).toBe(true);
    const { createCleanroomClient } = await import('@concord/protocol/client');
    const stale = createCleanroomClient({ baseUrl: cleanroom.url, credential: old, retries: 0 });
    expect(await codeOf(stale.whoami())).toBe('UNAUTHENTICATED');
  });

  it('revokes: the credential is gone from the node and refused by the clean room', async () => {
    const credential = readFileSync(credentialFile, 'utf8').trim();
    await as('admin').cleanroom.revoke.mutate();
    expect(() => statSync(credentialFile)).toThrow();
    expect((await as('admin').system.status.query()).cleanroom.configured).toBe(false);
    const { createCleanroomClient } = await import('@concord/protocol/client');
    const revoked = createCleanroomClient({ baseUrl: cleanroom.url, credential, retries: 0 });
    expect(await codeOf(revoked.whoami())).toBe('UNAUTHENTICATED');
    expect(await codeOf(as('admin').cleanroom.join.mutate({ code: 'cci_unknown-code-123' }))).toBe(
      'UNAUTHENTICATED',
    );
  });
});
