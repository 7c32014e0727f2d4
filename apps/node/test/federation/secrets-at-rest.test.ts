// Issue 11 item 1, end to end: issue every kind of secret the federation has (operator token, partner credentials
// from addPartner and rotateCredential and their replays, invitation codes and the credentials redeemed with
// them, node API tokens, session tokens, passwords, the node secret), then scan every table of every database — and, on PGlite, every byte of the clean room's data files.
// Also item 10: the clean room holds no node user's email (officers travel as node-side user ids).
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDatabase } from '@concord/db';
import { dumpAllTables, secretsIn } from '@concord/db/testing';
import { createPublicClient } from '@concord/protocol/client';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeOf } from '../code-of.ts';
import { type RunningCleanroom, startCleanroomProcess, startTestNode, type TestNode } from './harness.ts';

let cr: RunningCleanroom;
let node: TestNode;
let peer: TestNode;
let dataDir: string;
const secrets: Record<string, string> = {};

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'concord-secrets-'));
  cr = await startCleanroomProcess('secrets', { dataDir: join(dataDir, 'cleanroom') });
  node = await startTestNode(cr, { label: 'secrets', name: 'Secret Bank', industry: 'bank' });
  peer = await startTestNode(cr, { label: 'secrets_peer', name: 'Peer Insurer', industry: 'insurance' });
  secrets.operatorToken = cr.operatorToken;
  secrets.nodeCredential = node.config.cleanroomCredential ?? '';
  secrets.nodeSecret = node.config.nodeSecret ?? '';
  for (const [role, token] of Object.entries(node.tokens)) secrets[`harnessToken.${role}`] = token;
}, 300_000);

afterAll(async () => {
  await node?.stop();
  await peer?.stop();
  await cr?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('no secret at rest in clear', () => {
  it('issues every kind of secret; replays of credential-issuing calls answer ALREADY_ISSUED', async () => {
    const input = {
      name: 'Spare Partner',
      industry: 'telecom',
      publicKey: Buffer.alloc(32, 7).toString('base64url'),
    };
    const added = await cr.operator.addPartner(input, { idempotencyKey: 'secrets-add-0001' });
    secrets.addedCredential = added.credential;
    expect(await codeOf(cr.operator.addPartner(input, { idempotencyKey: 'secrets-add-0001' }))).toBe(
      'ALREADY_ISSUED',
    );
    const rotateInput = { partnerId: added.partner.id };
    const rotated = await cr.operator.rotateCredential(rotateInput, { idempotencyKey: 'secrets-rot-0001' });
    secrets.rotatedCredential = rotated.credential;
    expect(
      await codeOf(cr.operator.rotateCredential(rotateInput, { idempotencyKey: 'secrets-rot-0001' })),
    ).toBe('ALREADY_ISSUED');
    // Invitations (issue 14): the code and the credential it is redeemed for are secrets too.
    const inviteInput = { name: 'Invited Telecom', industry: 'telecom' as const };
    const invited = await cr.operator.invite(inviteInput, { idempotencyKey: 'secrets-inv-0001' });
    secrets.invitationCode = invited.code;
    expect(await codeOf(cr.operator.invite(inviteInput, { idempotencyKey: 'secrets-inv-0001' }))).toBe(
      'ALREADY_ISSUED',
    );
    const redeemed = await createPublicClient({ baseUrl: cr.url, retries: 0 }).redeemInvitation({
      code: invited.code,
      publicKey: Buffer.alloc(32, 9).toString('base64url'),
    });
    secrets.redeemedCredential = redeemed.credential;

    const password = 'Violet-Harbor 9 lantern quartz';
    secrets.password = password;
    secrets.harnessPassword = 'correct horse battery staple';
    await node.as.admin.users.create.mutate({
      email: 'nadia@scan.test',
      role: 'marketer',
      password,
    });
    // Tokens are issued by their holder (separation of duties, issue 12): the admin issues its own.
    const token = await node.as.admin.users.createToken.mutate({ name: 'scan' });
    secrets.apiToken = token.token;
    const res = await fetch(`${node.node.url}/trpc/auth.login`, {
      method: 'POST',
      // The console's header: anonymous state changes without it are refused as cross-site (CSRF rule).
      headers: { 'content-type': 'application/json', 'x-concord-request': '1' },
      body: JSON.stringify({ email: 'nadia@scan.test', password }),
    });
    expect(res.status).toBe(200);
    const cookie = /concord_session[^=]*=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1];
    expect(cookie?.length).toBeGreaterThan(20);
    secrets.sessionToken = decodeURIComponent(cookie ?? '');
    for (const [label, value] of Object.entries(secrets))
      expect([label, value.length >= 10]).toEqual([label, true]);
  });

  it('a collaboration proposed and approved by compliance officers sends the clean room their node user ids', async () => {
    const proposed = await node.as.compliance.collaborations.propose.mutate({
      name: 'Secrets x Peer',
      partnerIds: [peer.partnerId],
      purposes: ['marketing.cross_sell.partner_offers'],
      policy: { kMin: 5, crossSellLists: true, referralLists: true, epsilonBudget: 5, minSegmentSize: 5 },
      expiresAt: new Date(Date.now() + 30 * 86_400_000),
    });
    const approved = await peer.as.compliance.collaborations.approve.mutate({ collaborationId: proposed.id });
    expect(approved.status).toBe('active');
  });

  it("the node's database holds none of them", async () => {
    expect(secretsIn(await dumpAllTables(node.node.db), secrets)).toEqual([]);
  });

  it("the clean room's database holds none of them (every table; on PGlite every byte of its files)", async () => {
    await cr.halt();
    const db = await createDatabase<unknown>({ url: cr.databaseUrl, dataDir: cr.dataDir });
    try {
      const dump = await dumpAllTables(db.db);
      // The scan is real: the partner registry is in the dump (by name).
      expect(dump).toContain('Spare Partner');
      expect(secretsIn(dump, secrets)).toEqual([]);
      // Data minimisation: the officers appear as node-side user ids, no node user's email is anywhere.
      const officers = await sql<{ officer: string }>`
        select officer from collaboration_members order by officer`.execute(db.db);
      expect(officers.rows.map((r) => r.officer)).toEqual(
        [node.users.compliance.id, peer.users.compliance.id].sort(),
      );
      const emails = [node, peer].flatMap((n) => Object.values(n.users).map((u) => u.email));
      expect(emails.filter((e) => dump.includes(e))).toEqual([]);
    } finally {
      await db.close();
    }
    if (!cr.databaseUrl) {
      const raw = filesUnder(cr.dataDir)
        .map((f) => readFileSync(f).toString('latin1'))
        .join('\n');
      expect(raw).toContain('Spare Partner');
      expect(secretsIn(raw, secrets)).toEqual([]);
    }
  });
});
