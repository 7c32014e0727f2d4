// Three partner nodes against a real clean room over HTTP: lifecycle, thresholds, budgets, noise determinism,
// exact list content, policy refusals with their codes, and cross-partner access attempts.

import { dumpAllTables, secretsIn } from '@concord/db/testing';
import { type CleanroomClient, createCleanroomClient } from '@concord/protocol/client';
import type { OutputPolicy } from '@concord/protocol/contract/collaborations';
import { outputOfKind } from '@concord/protocol/contract/matches';
import { codeOf } from '@concord/service/testing';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noisyCounts } from '../src/match/dp.ts';
import { canonicalMatchQuery, matchQueryHash } from '../src/match/match.ts';
import {
  addPartner,
  newSecret,
  OPERATOR_TOKEN,
  type Person,
  type Published,
  publish,
  startTestCleanroom,
  type TestCleanroom,
  type TestPartner,
  unwrapSecret,
  wrapSecret,
} from './helpers.ts';

const PURPOSES = ['analytics.audience_overlap', 'marketing.cross_sell.partner_offers', 'marketing.referral'];
const [OVERLAP, CROSS_SELL, REFERRAL] = PURPOSES as [string, string, string];
const ALL = 0b111;

const email = (i: number) => `person${i}@example.com`;
const phone = (i: number) => `+1555000${String(i).padStart(4, '0')}`;
const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, k) => a + k);

let cr: TestCleanroom;
let a: TestPartner;
let b: TestPartner;
let c: TestPartner;
let d: TestPartner;
let secret: Uint8Array;
let collabId: string;
let pubA: Published;
let pubB: Published;
let pubC: Published;

const policy: OutputPolicy = {
  kMin: 5,
  crossSellLists: true,
  referralLists: true,
  epsilonBudget: 2,
  epsilonPerQuery: 0.5,
  minSegmentSize: 10,
  listTtlHours: 24,
  retentionDays: 30,
};

// A: persons 0..99, email + phone; persons 90..99 did not consent to cross-sell.
const peopleA: Person[] = range(0, 99).map((i) => ({
  email: email(i),
  phone: phone(i),
  mask: i >= 90 ? ALL & ~0b010 : ALL,
}));
// B: persons 0..29 by email only, 20..49 by phone only (20..29 match on both keys: counted once), 150..199 no overlap.
// Persons 40..44 did not consent to cross-sell on B's side.
const peopleBIdx = [...range(0, 49), ...range(150, 199)];
const peopleB: Person[] = peopleBIdx.map((i) => ({
  ...(i <= 29 ? { email: email(i) } : {}),
  ...(i >= 20 && i <= 49 ? { phone: phone(i) } : {}),
  ...(i >= 150 ? { email: email(i), phone: phone(i) } : {}),
  mask: i >= 40 && i <= 44 ? ALL & ~0b010 : ALL,
}));
// C: overlaps A only on persons 95..97 (3 people, below kMin).
const peopleCIdx = [95, 96, 97, ...range(100, 120)];
const peopleC: Person[] = peopleCIdx.map((i) => ({ email: email(i), mask: ALL }));

beforeAll(async () => {
  cr = await startTestCleanroom('e2e');
  a = await addPartner(cr, 'Acme Retail', 'retail');
  b = await addPartner(cr, 'Bolt Insurance', 'insurance');
  c = await addPartner(cr, 'Cirrus Travel', 'travel');
  d = await addPartner(cr, 'Delta Outsider', 'media');
  secret = newSecret();
});

afterAll(async () => {
  await cr?.stop();
});

describe('collaboration lifecycle', () => {
  it('is proposed by one member and active only after every member approves from its own node', async () => {
    const proposed = await a.client.proposeCollaboration({
      name: 'Retail x Insurance x Travel',
      memberIds: [b.id, c.id],
      purposes: PURPOSES,
      policy,
      tokenMode: 'hmac',
      expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
      wrappedSecrets: [a, b, c].map((p) => wrapSecret(secret, p.id, p.publicKey)),
      officer: 'officer-a',
    });
    collabId = proposed.collaboration.id;
    expect(proposed.collaboration.status).toBe('pending');
    expect(
      await codeOf(a.client.beginPublication({ collaborationId: collabId, segmentKey: 's', name: 'S' })),
    ).toBe('COLLABORATION_INACTIVE');
    const afterB = await b.client.approveCollaboration({ collaborationId: collabId });
    expect(afterB.collaboration.status).toBe('pending');
    expect(await codeOf(b.client.approveCollaboration({ collaborationId: collabId }))).toBe('CONFLICT');
    // C's compliance rules carry a stricter kMin floor: it wins for any output touching C's data.
    const afterC = await c.client.approveCollaboration({ collaborationId: collabId, kMinFloor: 20 });
    expect(afterC.collaboration.status).toBe('active');
    expect(afterC.collaboration.members.map((m) => m.status)).toEqual(['approved', 'approved', 'approved']);
  });

  it('relays to each member only its own wrapped secret, which only that member can open', async () => {
    for (const p of [a, b, c]) {
      const { collaboration } = await p.client.getCollaboration({ collaborationId: collabId });
      expect(collaboration.wrappedSecret?.partnerId).toBe(p.id);
      expect(Buffer.from(unwrapSecret(collaboration.wrappedSecret!, p.privateKey)).equals(secret)).toBe(true);
    }
    const forB = (await b.client.getCollaboration({ collaborationId: collabId })).collaboration
      .wrappedSecret!;
    expect(() => unwrapSecret(forB, a.privateKey)).toThrow();
    expect(await codeOf(d.client.getCollaboration({ collaborationId: collabId }))).toBe('NOT_FOUND');
  });

  it("stores nothing in the clean room's database that opens the secret", async () => {
    const db = cr.service.db;
    const tables = await sql<{ table_name: string }>`
      select table_name from information_schema.tables where table_schema = 'public'`.execute(db);
    let dump = '';
    const candidates: Uint8Array[] = [];
    for (const { table_name } of tables.rows) {
      const rows = await sql<Record<string, unknown>>`select * from ${sql.table(table_name)}`.execute(db);
      for (const row of rows.rows) {
        for (const v of Object.values(row)) {
          if (v instanceof Uint8Array) {
            dump += `${Buffer.from(v).toString('hex')} ${Buffer.from(v).toString('base64url')}\n`;
            if (v.length === 32) candidates.push(v);
          } else dump += `${JSON.stringify(v)}\n`;
        }
      }
    }
    const forms = (x: Uint8Array) => [
      Buffer.from(x).toString('hex'),
      Buffer.from(x).toString('base64'),
      Buffer.from(x).toString('base64url'),
    ];
    for (const s of [secret, a.privateKey, b.privateKey, c.privateKey]) {
      for (const f of forms(s)) expect(dump.includes(f)).toBe(false);
    }
    // Nor any partner credential (issue 11: replays of operator.addPartner kept them in idempotency_keys),
    // nor the operator token: every table of every schema, migrations' included.
    const everything = await dumpAllTables(db);
    const credentials = {
      operator: OPERATOR_TOKEN,
      a: a.credential,
      b: b.credential,
      c: c.credential,
      d: d.credential,
    };
    expect(secretsIn(everything, credentials)).toEqual([]);
    // No 32-byte value the clean room holds works as a private key for any envelope.
    const envelopes = await db.selectFrom('collaboration_members').select('wrapped_secret').execute();
    expect(envelopes.length).toBe(3);
    for (const e of envelopes) {
      for (const k of candidates) {
        expect(() => unwrapSecret(e.wrapped_secret as never, k)).toThrow();
      }
    }
  });
});

describe('publishing', () => {
  it('publishes three segments in binary batches and shows size bands to others, exact sizes to the owner', async () => {
    pubA = await publish(a, collabId, secret, 'seg-a', peopleA, { batchSize: 64 });
    pubB = await publish(b, collabId, secret, 'seg-b', peopleB, { kMin: 7 });
    pubC = await publish(c, collabId, secret, 'seg-c', peopleC);
    const seenByA = (await a.client.listPublications({ collaborationId: collabId })).publications;
    const own = seenByA.find((p) => p.id === pubA.publicationId)!;
    const other = seenByA.find((p) => p.id === pubB.publicationId)!;
    expect(own).toMatchObject({ liveVersion: 1, members: 100, segmentKey: 'seg-a', sizeBand: '<1k' });
    expect(other).toMatchObject({ liveVersion: 1, members: null, segmentKey: null, sizeBand: '<1k' });
    expect(await codeOf(d.client.listPublications({ collaborationId: collabId }))).toBe('NOT_FOUND');
  });

  it('refuses another partner uploading, committing, aborting or withdrawing on a publication it does not own', async () => {
    const begun = await a.client.beginPublication({
      collaborationId: collabId,
      segmentKey: 'seg-a2',
      name: 'A2',
    });
    const body = new Uint8Array(48);
    expect(await codeOf(b.client.uploadBatch(begun.versionId, 0, body))).toBe('NOT_FOUND');
    expect(
      await codeOf(b.client.commitPublication({ versionId: begun.versionId, batchCount: 0, recordCount: 0 })),
    ).toBe('NOT_FOUND');
    expect(await codeOf(b.client.abortPublication({ versionId: begun.versionId }))).toBe('NOT_FOUND');
    expect(
      await codeOf(
        b.client.sendDeltas({ publicationId: pubA.publicationId, removeMemberIds: [pubA.memberIds[0]!] }),
      ),
    ).toBe('NOT_FOUND');
    expect(
      await codeOf(d.client.beginPublication({ collaborationId: collabId, segmentKey: 'x', name: 'X' })),
    ).toBe('NOT_FOUND');
    await a.client.abortPublication({ versionId: begun.versionId });
  });
});

describe('matching', () => {
  it('counts each person once across email OR phone, with seeded noise, kMin suppression and a budget charge', async () => {
    const req = {
      collaborationId: collabId,
      requesterPublicationId: pubA.publicationId,
      partnerPublicationIds: [pubB.publicationId, pubC.publicationId],
      purpose: OVERLAP,
      kind: 'insight' as const,
    };
    const out = await a.client.requestMatch(req);
    // kMin: max(policy 5, B's dataset 7, C's floor 20).
    expect(out.kMin).toBe(20);
    expect(out.cached).toBe(false);
    expect(outputOfKind(out, 'insight').insight.epsilonCharged).toBe(0.5);
    expect(outputOfKind(out, 'insight').insight.epsilonRemaining).toBe(1.5);
    // True overlaps: B = persons 0..49 (50), C = persons 95..97 (3). The noise is the seeded Laplace draw.
    const seed = matchQueryHash(canonicalMatchQuery(req), out.dataVersion);
    const sorted = [pubB.publicationId, pubC.publicationId].sort();
    const truth = sorted.map((id) => (id === pubB.publicationId ? 50 : 3));
    const expected = noisyCounts(truth, 0.5, seed);
    expect(outputOfKind(out, 'insight').insight.noiseScale).toBe(4);
    const cells = new Map(
      outputOfKind(out, 'insight').insight.cells.map((cell) => [cell.partnerPublicationId, cell]),
    );
    sorted.forEach((id, i) => {
      const noisy = expected.counts[i]!;
      expect(cells.get(id)).toEqual({
        partnerPublicationId: id,
        partnerId: id === pubB.publicationId ? b.id : c.id,
        count: noisy < 20 ? null : noisy,
        suppressed: noisy < 20,
      });
    });

    // The same query over the same data returns the same answer, free.
    const again = await a.client.requestMatch({
      ...req,
      partnerPublicationIds: [pubC.publicationId, pubB.publicationId],
    });
    expect(again.cached).toBe(true);
    expect(outputOfKind(again, 'insight').insight.cells).toEqual(outputOfKind(out, 'insight').insight.cells);
    expect(outputOfKind(again, 'insight').insight.epsilonCharged).toBe(0);
    expect(outputOfKind(again, 'insight').insight.epsilonRemaining).toBe(1.5);
  });

  it('exhausts the per-requester epsilon budget with BUDGET_EXHAUSTED, and budgets are per requester', async () => {
    const base = {
      collaborationId: collabId,
      requesterPublicationId: pubA.publicationId,
      purpose: OVERLAP,
      kind: 'insight' as const,
    };
    await a.client.requestMatch({ ...base, partnerPublicationIds: [pubB.publicationId] });
    await a.client.requestMatch({ ...base, partnerPublicationIds: [pubC.publicationId] });
    const last = await a.client.requestMatch({
      ...base,
      purpose: CROSS_SELL,
      partnerPublicationIds: [pubB.publicationId],
    });
    expect(outputOfKind(last, 'insight').insight.epsilonRemaining).toBe(0);
    expect(
      await codeOf(
        a.client.requestMatch({ ...base, purpose: REFERRAL, partnerPublicationIds: [pubB.publicationId] }),
      ),
    ).toBe('BUDGET_EXHAUSTED');
    // A cached repeat still answers after the budget is gone.
    const repeat = await a.client.requestMatch({ ...base, partnerPublicationIds: [pubB.publicationId] });
    expect(repeat.cached).toBe(true);
    // B has its own budget.
    const fromB = await b.client.requestMatch({
      ...base,
      requesterPublicationId: pubB.publicationId,
      partnerPublicationIds: [pubA.publicationId],
    });
    expect(outputOfKind(fromB, 'insight').insight.epsilonRemaining).toBe(1.5);
  });

  it("delivers a cross-sell list of exactly the requester's own consented overlap", async () => {
    const out = await a.client.requestMatch({
      collaborationId: collabId,
      requesterPublicationId: pubA.publicationId,
      partnerPublicationIds: [pubB.publicationId],
      purpose: CROSS_SELL,
      kind: 'cross_sell_list',
    });
    // Overlap 0..49 minus B-side non-consent 40..44 = 45 people.
    expect(outputOfKind(out, 'cross_sell_list').list.size).toBe(45);
    const fetched = await a.client.fetchList({
      listId: outputOfKind(out, 'cross_sell_list').list.listId,
      limit: 20,
    });
    const ids = [...fetched.memberIds];
    let cursor = fetched.nextCursor;
    while (cursor) {
      const page = await a.client.fetchList({
        listId: outputOfKind(out, 'cross_sell_list').list.listId,
        cursor,
        limit: 20,
      });
      ids.push(...page.memberIds);
      cursor = page.nextCursor;
    }
    const persons = ids.map((id) => pubA.members.get(id)).sort((x, y) => x! - y!);
    expect(persons).toEqual([...range(0, 39), ...range(45, 49)]);
    expect(fetched.list).toMatchObject({
      kind: 'cross_sell',
      publicationId: pubA.publicationId,
      requesterId: a.id,
    });
    // Nobody else can see or fetch it.
    expect(
      await codeOf(b.client.fetchList({ listId: outputOfKind(out, 'cross_sell_list').list.listId })),
    ).toBe('NOT_FOUND');
    expect((await b.client.fetchLists()).lists.map((l) => l.id)).not.toContain(
      outputOfKind(out, 'cross_sell_list').list.listId,
    );
  });

  it('refuses a list below the strictest kMin with BELOW_THRESHOLD', async () => {
    const code = await codeOf(
      a.client.requestMatch({
        collaborationId: collabId,
        requesterPublicationId: pubA.publicationId,
        partnerPublicationIds: [pubC.publicationId],
        purpose: CROSS_SELL,
        kind: 'cross_sell_list',
      }),
    );
    expect(code).toBe('BELOW_THRESHOLD');
  });

  it("delivers referral lists to the partner, holding only the partner's own members", async () => {
    const out = await a.client.requestMatch({
      collaborationId: collabId,
      requesterPublicationId: pubA.publicationId,
      partnerPublicationIds: [pubB.publicationId, pubC.publicationId],
      purpose: REFERRAL,
      kind: 'referral_list',
      offer: { title: '10% off home insurance for Acme shoppers' },
    });
    expect(out.kind).toBe('referral_list');
    const byPub = new Map(
      outputOfKind(out, 'referral_list').referrals.map((r) => [r.partnerPublicationId, r]),
    );
    expect(byPub.get(pubB.publicationId)).toEqual({
      partnerPublicationId: pubB.publicationId,
      partnerId: b.id,
      delivered: true,
    });
    expect(byPub.get(pubC.publicationId)!.delivered).toBe(false);
    const bLists = (await b.client.fetchLists({ collaborationId: collabId })).lists;
    expect(bLists).toHaveLength(1);
    const list = bLists[0]!;
    expect(list).toMatchObject({
      kind: 'referral',
      requesterId: a.id,
      publicationId: pubB.publicationId,
      size: 50,
    });
    expect(list.offer?.title).toBe('10% off home insurance for Acme shoppers');
    const fetched = await b.client.fetchList({ listId: list.id, limit: 1000 });
    const persons = fetched.memberIds.map((id) => peopleBIdx[pubB.members.get(id)!]).sort((x, y) => x! - y!);
    expect(persons).toEqual(range(0, 49));
    expect((await c.client.fetchLists()).lists).toHaveLength(0);
    expect(await codeOf(a.client.fetchList({ listId: list.id }))).toBe('NOT_FOUND');
  });

  it('refuses by policy with the exact codes', async () => {
    const base = {
      collaborationId: collabId,
      requesterPublicationId: pubA.publicationId,
      partnerPublicationIds: [pubB.publicationId],
      kind: 'cross_sell_list' as const,
    };
    expect(await codeOf(a.client.requestMatch({ ...base, purpose: 'marketing.profiling' }))).toBe(
      'POLICY_REFUSED',
    );
    // Requesting from another partner's publication.
    expect(
      await codeOf(
        a.client.requestMatch({
          ...base,
          purpose: CROSS_SELL,
          requesterPublicationId: pubB.publicationId,
          partnerPublicationIds: [pubA.publicationId],
        }),
      ),
    ).toBe('FORBIDDEN');
    // A non-member.
    expect(await codeOf(d.client.requestMatch({ ...base, purpose: CROSS_SELL }))).toBe('NOT_FOUND');
    // A segment under the minimum segment size (10).
    const tiny = await publish(
      c,
      collabId,
      secret,
      'seg-tiny',
      range(0, 4).map((i) => ({ email: email(i), mask: ALL })),
    );
    expect(
      await codeOf(
        a.client.requestMatch({ ...base, purpose: CROSS_SELL, partnerPublicationIds: [tiny.publicationId] }),
      ),
    ).toBe('BELOW_THRESHOLD');

    // A collaboration whose policy allows no lists.
    const strict = await a.client.proposeCollaboration({
      name: 'Insights only',
      memberIds: [b.id],
      purposes: PURPOSES,
      policy: { ...policy, crossSellLists: false, referralLists: false },
      expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
      wrappedSecrets: [a, b].map((p) => wrapSecret(secret, p.id, p.publicKey)),
    });
    const sid = strict.collaboration.id;
    await b.client.approveCollaboration({ collaborationId: sid });
    const sa = await publish(a, sid, secret, 'seg', peopleA);
    const sb = await publish(b, sid, secret, 'seg', peopleB);
    const sreq = {
      collaborationId: sid,
      requesterPublicationId: sa.publicationId,
      partnerPublicationIds: [sb.publicationId],
      purpose: CROSS_SELL,
    };
    expect(await codeOf(a.client.requestMatch({ ...sreq, kind: 'cross_sell_list' }))).toBe('POLICY_REFUSED');
    expect(await codeOf(a.client.requestMatch({ ...sreq, kind: 'referral_list' }))).toBe('POLICY_REFUSED');
    expect((await a.client.requestMatch({ ...sreq, kind: 'insight' })).kMin).toBe(5);
  });
});

describe('withdrawals, suspension, leaving', () => {
  it('applies a withdrawal delta at once: out of the publication, the delivered lists and new answers', async () => {
    const person0 = pubA.memberIds[0]!;
    const listBefore = (await a.client.fetchLists({ collaborationId: collabId })).lists.find(
      (l) => l.kind === 'cross_sell',
    )!;
    // The live version's token table carries its one index (by member), so a delta is a lookup, not a scan.
    const live = await sql<{ indexname: string }>`
      select i.indexname from publications p
      join pg_indexes i on i.tablename = 'pt_' || replace(p.live_version_id::text, '-', '')
      where p.id = ${pubA.publicationId}`.execute(cr.service.db);
    expect(live.rows.map((r) => r.indexname)).toEqual([expect.stringMatching(/^pt_[0-9a-f]{32}_mk$/)]);
    const res = await a.client.sendDeltas({ publicationId: pubA.publicationId, removeMemberIds: [person0] });
    expect(res.removedTokens).toBe(2);
    expect(res.revision).toBe(1);
    const list = await a.client.fetchList({ listId: listBefore.id, limit: 1000 });
    expect(list.memberIds).not.toContain(person0);
    expect(list.memberIds).toHaveLength(44);
    const fresh = await a.client.requestMatch({
      collaborationId: collabId,
      requesterPublicationId: pubA.publicationId,
      partnerPublicationIds: [pubB.publicationId],
      purpose: CROSS_SELL,
      kind: 'cross_sell_list',
    });
    expect(fresh.cached).toBe(false);
    expect(outputOfKind(fresh, 'cross_sell_list').list.size).toBe(44);
  });

  it('a suspension by any member stops matching until that member resumes', async () => {
    const req = {
      collaborationId: collabId,
      requesterPublicationId: pubB.publicationId,
      partnerPublicationIds: [pubA.publicationId],
      purpose: CROSS_SELL,
      kind: 'cross_sell_list' as const,
    };
    await b.client.suspendCollaboration({ collaborationId: collabId, reason: 'audit' });
    expect(
      await codeOf(
        a.client.requestMatch({
          ...req,
          requesterPublicationId: pubA.publicationId,
          partnerPublicationIds: [pubB.publicationId],
        }),
      ),
    ).toBe('COLLABORATION_INACTIVE');
    expect(await codeOf(c.client.resumeCollaboration({ collaborationId: collabId }))).toBe('FORBIDDEN');
    await b.client.resumeCollaboration({ collaborationId: collabId });
    expect(outputOfKind(await b.client.requestMatch(req), 'cross_sell_list').list.size).toBe(44);
  });

  it("deletes a leaving member's data in the collaboration", async () => {
    const db = cr.service.db;
    const tableOf = (versionId: string) => `pt_${versionId.replaceAll('-', '')}`;
    const exists = async (name: string) =>
      (
        await sql<{
          n: number;
        }>`select count(*)::int8 as n from information_schema.tables where table_name = ${name}`.execute(db)
      ).rows[0]!.n;
    expect(await exists(tableOf(pubC.versionId))).toBe(1);
    const left = await c.client.leaveCollaboration({ collaborationId: collabId });
    expect(left.collaboration.wrappedSecret).toBeNull();
    expect(left.collaboration.status).toBe('active');
    expect(await exists(tableOf(pubC.versionId))).toBe(0);
    const pubs = (await a.client.listPublications({ collaborationId: collabId })).publications;
    expect(pubs.some((p) => p.ownerId === c.id)).toBe(false);
    expect(
      await codeOf(
        a.client.requestMatch({
          collaborationId: collabId,
          requesterPublicationId: pubA.publicationId,
          partnerPublicationIds: [pubC.publicationId],
          purpose: OVERLAP,
          kind: 'insight',
        }),
      ),
    ).toBe('NOT_FOUND');
  });
});

describe('authentication, idempotency, audit', () => {
  it('refuses missing, wrong and operator-only credentials', async () => {
    const anon = createCleanroomClient({ baseUrl: cr.url, credential: '' });
    expect(await codeOf(anon.whoami())).toBe('UNAUTHENTICATED');
    const wrong = createCleanroomClient({ baseUrl: cr.url, credential: `${a.credential.slice(0, -2)}xx` });
    expect(await codeOf(wrong.whoami())).toBe('UNAUTHENTICATED');
    expect((await a.client.whoami()).partner.id).toBe(a.id);
    const asOperator = (await import('@concord/protocol/client')).createOperatorClient({
      baseUrl: cr.url,
      operatorToken: a.credential,
    });
    expect(await codeOf(asOperator.operatorListPartners())).toBe('UNAUTHENTICATED');
  });

  it('replays a mutation with the same key, refuses the key for another request, and requires a key', async () => {
    const key = 'begin-seg-idem-0001';
    const first = await a.client.beginPublication(
      { collaborationId: collabId, segmentKey: 'idem', name: 'I' },
      { idempotencyKey: key },
    );
    const second = await a.client.beginPublication(
      { collaborationId: collabId, segmentKey: 'idem', name: 'I' },
      { idempotencyKey: key },
    );
    expect(second.versionId).toBe(first.versionId);
    expect(
      await codeOf(
        a.client.beginPublication(
          { collaborationId: collabId, segmentKey: 'other', name: 'I' },
          { idempotencyKey: key },
        ),
      ),
    ).toBe('IDEMPOTENCY_MISMATCH');
    const res = await fetch(`${cr.url}/trpc/publications.abort`, {
      method: 'POST',
      headers: { authorization: `Bearer ${a.credential}`, 'content-type': 'application/json' },
      body: JSON.stringify({ versionId: first.versionId }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { data: { concordCode: string } } }).error.data.concordCode).toBe(
      'BAD_INPUT',
    );
  });

  it('shows each partner the events that concern it, and the chain verifies', async () => {
    const forB = (await b.client.auditEvents({ limit: 1000 })).events;
    const actions = forB.map((e) => e.action);
    expect(actions).toContain('collaboration.proposed');
    expect(actions).toContain('collaboration.approved');
    expect(actions).toContain('match.referral_list');
    expect(forB.every((e) => e.partnerIds.includes(b.id))).toBe(true);
    // A's own publication commits concern A only.
    const commits = forB.filter((e) => e.action === 'publication.committed');
    expect(commits.every((e) => e.actorId === b.id)).toBe(true);
    expect((await d.client.auditEvents()).events.map((e) => e.action)).toEqual(['partner.registered']);
    const verified = await cr.operator.verifyAudit();
    expect(verified.ok).toBe(true);
    expect(verified.firstBrokenSeq).toBeNull();
    // Tampering with one event breaks the chain exactly there.
    const victim = forB[2]!;
    await sql`update audit_events set details = ${JSON.stringify({ tampered: true })} where seq = ${victim.seq}`.execute(
      cr.service.db,
    );
    expect(await cr.operator.verifyAudit()).toEqual({
      ok: false,
      events: victim.seq - 1,
      firstBrokenSeq: victim.seq,
    });
  });
});

export type { CleanroomClient };
