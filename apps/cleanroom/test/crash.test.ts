// A real `kill -9` of the clean room process in the middle of a batch upload: nothing committed is lost, no
// partial version becomes visible, and the retried upload (same idempotency key, same seqs) commits.
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createTestDatabaseUrl, dropTestDatabase, testServerUrl } from '@concord/db/testing';
import { ID_WIRE_CODES } from '@concord/identity';
import { BatchWriter } from '@concord/protocol/batch';
import { createCleanroomClient, createOperatorClient } from '@concord/protocol/client';
import { x25519 } from '@noble/curves/ed25519.js';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newSecret, OPERATOR_TOKEN, wrapSecret } from './helpers.ts';

const MAIN = new URL('../src/main.ts', import.meta.url).pathname;

let databaseUrl: string | undefined;
let dataDir: string | undefined;
let child: ChildProcess | undefined;

/** Starts `node --import tsx src/main.ts` on port 0 and resolves with its URL from the startup log line. */
function startProcess(): Promise<{ url: string; proc: ChildProcess }> {
  const args = [
    '--import',
    'tsx',
    MAIN,
    '--port',
    '0',
    '--operator-token',
    OPERATOR_TOKEN,
    '--sweep-interval',
    '0',
  ];
  if (databaseUrl) args.push('--database-url', databaseUrl);
  else args.push('--data-dir', dataDir!);
  const proc = spawn(process.execPath, args, {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, LOG_LEVEL: 'info' },
  });
  let stderr = '';
  proc.stderr!.on('data', (d) => {
    stderr += String(d);
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`clean room did not start: ${stderr}`)), 60_000);
    proc.once('exit', (code) => reject(new Error(`clean room exited with ${code}: ${stderr}`)));
    createInterface({ input: proc.stdout! }).on('line', (line) => {
      try {
        const entry = JSON.parse(line) as { msg?: string; url?: string };
        if (entry.msg === 'clean room listening' && entry.url) {
          clearTimeout(timer);
          resolve({ url: entry.url, proc });
        }
      } catch {
        // not a log line
      }
    });
  });
}

function killHard(proc: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    proc.removeAllListeners('exit');
    proc.once('exit', () => resolve());
    proc.kill('SIGKILL');
  });
}

/** Synthetic records: person i has member id i and a token derived from i (content is irrelevant here). */
function records(from: number, count: number): Uint8Array {
  const w = new BatchWriter(count);
  const id = Buffer.alloc(16);
  for (let i = from; i < from + count; i++) {
    id.writeUInt32BE(i, 12);
    w.push(id, ID_WIRE_CODES.email, createHash('sha256').update(`p${i}`).digest(), 1);
  }
  return w.finish();
}

/** On Postgres: proves the server is inside the batch transaction (rows inserted, not committed) when killed. */
async function serverMidTransaction(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (let i = 0; i < 100; i++) {
      // The batch transaction is open and streaming rows into the version's token table (COPY on Postgres).
      const r = await client.query(
        `select count(*)::int as n from pg_stat_activity
         where datname = current_database() and pid <> pg_backend_pid() and xact_start is not null
           and query like 'copy "pt\\_%'`,
      );
      if (r.rows[0].n > 0) return true;
      await new Promise((res) => setTimeout(res, 50));
    }
    return false;
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  if (testServerUrl()) databaseUrl = await createTestDatabaseUrl('crash');
  else dataDir = mkdtempSync(join(tmpdir(), 'concord-crash-'));
});

afterAll(async () => {
  if (child && child.exitCode === null) await killHard(child);
  if (databaseUrl) await dropTestDatabase(databaseUrl);
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('clean room killed mid-upload', () => {
  it('keeps the committed version live, shows no partial version, and the retried upload commits', {
    timeout: 180_000,
  }, async () => {
    let { url, proc } = await startProcess();
    child = proc;
    let operator = createOperatorClient({ baseUrl: url, operatorToken: OPERATOR_TOKEN });
    const keys = [0, 1].map(() => x25519.utils.randomSecretKey());
    const [pa, pb] = await Promise.all(
      keys.map((k, i) =>
        operator.addPartner({
          name: `crash-${i}`,
          industry: 'retail',
          publicKey: Buffer.from(x25519.getPublicKey(k)).toString('base64url'),
        }),
      ),
    );
    const secret = newSecret();
    const ca = createCleanroomClient({ baseUrl: url, credential: pa!.credential });
    const cb = createCleanroomClient({ baseUrl: url, credential: pb!.credential });
    const { collaboration } = await ca.proposeCollaboration({
      name: 'crash',
      memberIds: [pb!.partner.id],
      purposes: ['analytics.audience_overlap'],
      policy: { kMin: 2, crossSellLists: true, referralLists: true, epsilonBudget: 1 },
      expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
      wrappedSecrets: [pa!, pb!].map((p, i) =>
        wrapSecret(secret, p.partner.id, x25519.getPublicKey(keys[i]!)),
      ),
    });
    await cb.approveCollaboration({ collaborationId: collaboration.id });

    // Version 1: committed.
    const v1 = await ca.beginPublication({
      collaborationId: collaboration.id,
      segmentKey: 'seg',
      name: 'Seg',
    });
    await ca.uploadBatch(v1.versionId, 0, records(0, 1000));
    await ca.commitPublication({ versionId: v1.versionId, batchCount: 1, recordCount: 1000 });

    // Version 2: batch 0 stored, batch 1 cut off by a kill -9 while the server is inserting it.
    const beginKey = `begin-v2-${randomBytes(6).toString('hex')}`;
    const input = { collaborationId: collaboration.id, segmentKey: 'seg', name: 'Seg' };
    const v2 = await ca.beginPublication(input, { idempotencyKey: beginKey });
    // Postgres streams a batch into COPY as it arrives: batch 1 is cut off half-sent, after the server has
    // begun its transaction and sent rows (checked in pg_stat_activity). PGlite reads a whole batch before its
    // (single-connection) transaction: batch 1 is sent in full and the kill lands while it is being inserted
    // (PGlite takes seconds for 60k rows).
    const [n0, n1, n2] = databaseUrl ? [50_000, 120_000, 30_000] : [5_000, 60_000, 5_000];
    const batch0 = records(0, n0);
    const batch1 = records(n0, n1);
    const batch2 = records(n0 + n1, n2);
    expect((await ca.uploadBatch(v2.versionId, 0, batch0)).duplicate).toBe(false);
    const sent = databaseUrl ? 48 + (n1 - 5_000) * 53 : batch1.length;
    let markSent!: () => void;
    const bodySent = new Promise<void>((r) => {
      markSent = r;
    });
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(batch1.subarray(0, sent));
        markSent();
        // Postgres run: never closes, the upload hangs until the server dies.
        if (!databaseUrl) controller.close();
      },
    });
    const upload = ca.uploadBatch(v2.versionId, 1, body).then(
      () => 'completed',
      () => 'failed',
    );
    await bodySent;
    if (databaseUrl) expect(await serverMidTransaction(databaseUrl)).toBe(true);
    else await new Promise((r) => setTimeout(r, 700));
    await killHard(proc);
    expect(await upload).toBe('failed');

    // Restart on the same data.
    ({ url, proc } = await startProcess());
    child = proc;
    operator = createOperatorClient({ baseUrl: url, operatorToken: OPERATOR_TOKEN });
    const ra = createCleanroomClient({ baseUrl: url, credential: pa!.credential });
    const pubs = (await ra.listPublications({ collaborationId: collaboration.id })).publications;
    expect(pubs).toHaveLength(1);
    expect(pubs[0]).toMatchObject({ liveVersion: 1, members: 1000 });

    // Resuming with the same key returns the same version and says which batches survived.
    const resumed = await ra.beginPublication(input, { idempotencyKey: beginKey });
    expect(resumed.versionId).toBe(v2.versionId);
    expect(resumed.status).toBe('uploading');
    expect(resumed.receivedBatches).toEqual([0]);

    expect((await ra.uploadBatch(v2.versionId, 0, batch0)).duplicate).toBe(true);
    expect(await ra.uploadBatch(v2.versionId, 1, batch1)).toMatchObject({ records: n1, duplicate: false });
    expect((await ra.uploadBatch(v2.versionId, 2, batch2)).records).toBe(n2);
    const total = n0 + n1 + n2;
    const committed = await ra.commitPublication({
      versionId: v2.versionId,
      batchCount: 3,
      recordCount: total,
    });
    expect(committed).toMatchObject({ version: 2, records: total, members: total });
    const after = (await ra.listPublications({ collaborationId: collaboration.id })).publications;
    expect(after[0]).toMatchObject({ liveVersion: 2, members: total });
    expect((await operator.verifyAudit()).ok).toBe(true);
  });
});
