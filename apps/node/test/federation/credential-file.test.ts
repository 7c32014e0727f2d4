// A node configured with a credential *file* runs before it is registered, picks the credential up when the file
// appears, and follows a rotation without a restart (what `pnpm start` relies on to onboard nodes).
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '@concord/service';
import { createTRPCClient, httpLink } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppRouter } from '../../src/api/router.ts';
import { NodeConfig } from '../../src/env.ts';
import { type NodeService, startNode } from '../../src/server.ts';
import { userWithToken } from '../user-with-token.ts';
import { type RunningCleanroom, startCleanroomProcess } from './harness.ts';

let cleanroom: RunningCleanroom;
let node: NodeService;
let dir: string;
let file: string;
let admin: ReturnType<typeof createTRPCClient<AppRouter>>;

beforeAll(async () => {
  cleanroom = await startCleanroomProcess('credfile');
  dir = mkdtempSync(join(tmpdir(), 'concord-cred-'));
  file = join(dir, 'node.credential');
  const config = NodeConfig.parse({
    name: 'Late Bank',
    industry: 'bank',
    port: 0,
    dataDir: 'memory://',
    cleanroomUrl: cleanroom.url,
    cleanroomCredentialFile: file,
    nodeSecret: randomBytes(24).toString('hex'),
    logLevel: 'silent',
  });
  node = await startNode(config, { logger: silentLogger() });
  const { token } = await userWithToken(node.db, {
    email: 'admin@late.test',
    role: 'admin',
    password: 'credential file test',
    tokenName: 'test',
  });
  admin = createTRPCClient<AppRouter>({
    links: [httpLink({ url: `${node.url}/trpc`, headers: { authorization: `Bearer ${token}` } })],
  });
}, 120_000);

afterAll(async () => {
  await node?.stop();
  await cleanroom?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('clean-room credential from a file', () => {
  it('starts unconnected, with the background sender waiting for the file', async () => {
    expect(node.federation).not.toBeNull();
    const status = await admin.system.status.query();
    expect(status.cleanroom).toMatchObject({ configured: false, reachable: false });
  });

  it('connects as soon as the operator writes the file, without a restart', async () => {
    const identity = await admin.system.identity.query();
    const { credential } = await cleanroom.operator.addPartner({
      name: 'Late Bank',
      industry: 'bank',
      publicKey: identity.publicKey,
    });
    writeFileSync(file, `${credential}\n`);
    const status = await admin.system.status.query();
    expect(status.cleanroom).toMatchObject({ configured: true, reachable: true, partnerName: 'Late Bank' });
  });

  it('follows a rotated credential (the old one is refused by the clean room)', async () => {
    const { partners } = await cleanroom.operator.operatorListPartners();
    const partnerId = partners.find((p) => p.name === 'Late Bank')?.id ?? '';
    const { credential } = await cleanroom.operator.rotateCredential({ partnerId });
    // Before the file changes the node still presents the old credential: the clean room refuses it.
    const stale = await admin.system.status.query();
    expect(stale.cleanroom.reachable).toBe(false);
    expect(stale.cleanroom.error).toMatch(/credential|UNAUTHENTICATED/i);
    writeFileSync(file, credential);
    const fresh = await admin.system.status.query();
    expect(fresh.cleanroom).toMatchObject({ configured: true, reachable: true, partnerName: 'Late Bank' });
  });
});
