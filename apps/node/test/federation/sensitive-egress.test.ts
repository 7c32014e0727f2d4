// End to end, over HTTP with a real clean room: every request a node sends to the clean room passes a recording
// proxy, and no sensitive demographic value appears in any of them; segments over demographics are not published
// and list exports carry no demographic column unless a compliance release rule allows it.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { concordCodeOf } from '@concord/service/trpc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMOGRAPHICS_CSV } from '../../src/crm/demographics/import-format.ts';
import { importRows } from '../../src/crm/import/row-import.ts';
import { csvStream } from '../crm/helpers.ts';
import { bankPeople, insurerPeople, PURPOSE_CROSS_SELL } from './fixtures.ts';
import { type RunningCleanroom, startCleanroomProcess, startTestNode, type TestNode } from './harness.ts';
import { seedNode } from './seed.ts';

/** Values that exist only in the insurer's demographics. */
const MARKERS = ['Marker-Region-Qz', '100k_plus', 'doctorate', 'income_band', 'household_size'];

interface Recorded {
  method: string;
  url: string;
  body: Buffer;
}

/** A pass-through proxy to the clean room that keeps every request (method, path with query, body). */
async function recordingProxy(
  target: string,
): Promise<{ url: string; recorded: Recorded[]; close(): Promise<void> }> {
  const recorded: Recorded[] = [];
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    recorded.push({ method: req.method ?? 'GET', url: req.url ?? '/', body });
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) {
      if (v === undefined || k === 'host' || k === 'content-length' || k === 'connection') continue;
      headers.set(k, Array.isArray(v) ? v.join(', ') : v);
    }
    const upstream = await fetch(`${target}${req.url}`, {
      method: req.method,
      headers,
      ...(body.length > 0 ? { body } : {}),
    });
    const out = Buffer.from(await upstream.arrayBuffer());
    const responseHeaders: Record<string, string> = {};
    upstream.headers.forEach((v, k) => {
      if (k !== 'content-encoding' && k !== 'transfer-encoding' && k !== 'content-length')
        responseHeaders[k] = v;
    });
    res.writeHead(upstream.status, responseHeaders);
    res.end(out);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    recorded,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

let cleanroom: RunningCleanroom;
let proxy: Awaited<ReturnType<typeof recordingProxy>>;
let bank: TestNode;
let insurer: TestNode;
let collaborationId: string;
let insurerSegmentId: string;
let bankSegmentId: string;

beforeAll(async () => {
  cleanroom = await startCleanroomProcess('sensitive');
  proxy = await recordingProxy(cleanroom.url);
  const viaProxy = { ...cleanroom, url: proxy.url };
  bank = await startTestNode(viaProxy, { label: 'sens_bank', name: 'Bank', industry: 'bank' });
  insurer = await startTestNode(viaProxy, { label: 'sens_insurer', name: 'Insurer', industry: 'insurance' });
  const at = new Date();
  bankSegmentId = (await seedNode(bank.node, bankPeople(), { recipientIndustry: 'insurance', at })).segmentId;
  insurerSegmentId = (await seedNode(insurer.node, insurerPeople(), { recipientIndustry: 'bank', at }))
    .segmentId;
  const csv = [
    'customer_external_id,sex,income_band,education,household_size,region',
    ...insurerPeople().map(
      (p, i) => `${p.externalId},${i % 2 ? 'f' : 'm'},100k_plus,doctorate,${(i % 5) + 1},Marker-Region-Qz`,
    ),
  ].join('\n');
  const imported = await importRows(
    { db: insurer.node.db, now: () => new Date() },
    { format: DEMOGRAPHICS_CSV, source: csvStream(csv) },
  );
  expect(imported.imported).toBe(30);
  const proposed = await insurer.as.compliance.collaborations.propose.mutate({
    name: 'Bank × Insurer',
    partnerIds: [bank.partnerId],
    purposes: [PURPOSE_CROSS_SELL],
    policy: { kMin: 5, crossSellLists: true, referralLists: true, epsilonBudget: 5, minSegmentSize: 5 },
    expiresAt: new Date(Date.now() + 30 * 86_400_000),
  });
  collaborationId = proposed.id;
  await bank.as.compliance.collaborations.approve.mutate({ collaborationId });
}, 180_000);

afterAll(async () => {
  await bank?.stop();
  await insurer?.stop();
  await proxy?.close();
  await cleanroom?.stop();
});

const publicationCalls = () => proxy.recorded.filter((r) => /publication/i.test(r.url)).length;

describe('sensitive fields never leave the node unless released', () => {
  let sensitiveSegmentId: string;
  let listId: string;

  it('refuses to publish a segment defined over demographics, before anything is sent', async () => {
    const segment = await insurer.as.marketer.segments.create.mutate({
      name: 'Affluent DE',
      rule: {
        type: 'and',
        rules: [
          { type: 'field', field: 'country', op: 'eq', value: 'DE' },
          { type: 'demographic', field: 'income_band', op: 'in', values: ['100k_plus'] },
        ],
      },
    });
    sensitiveSegmentId = segment.id;
    const before = publicationCalls();
    const refused = await insurer.as.marketer.publications.publish
      .mutate({ collaborationId, segmentId: sensitiveSegmentId })
      .catch((e: unknown) => e);
    expect(concordCodeOf(refused)).toBe('POLICY_REFUSED');
    expect(publicationCalls()).toBe(before);
  });

  it('publishes, matches and exports a list without any demographic value; export columns need a release', async () => {
    const ins = await insurer.as.marketer.publications.publish.mutate({
      collaborationId,
      segmentId: insurerSegmentId,
    });
    const bnk = await bank.as.marketer.publications.publish.mutate({
      collaborationId,
      segmentId: bankSegmentId,
    });
    const match = await insurer.as.marketer.matches.request.mutate({
      collaborationId,
      kind: 'cross_sell_list',
      purpose: PURPOSE_CROSS_SELL,
      publicationId: ins.publicationId,
      partnerPublicationIds: [bnk.cleanroomPublicationId],
    });
    listId = match.audience!.audienceListId;
    const plain = await insurer.as.marketer.lists.export.mutate({ listId });
    for (const m of MARKERS) expect(plain.csv).not.toContain(m);
    const refused = await insurer.as.marketer.lists.exportWithDemographics
      .mutate({ listId, fields: ['sex'] })
      .catch((e: unknown) => e);
    expect(concordCodeOf(refused)).toBe('POLICY_REFUSED');
    // Released for export only (not for publication), and only the sex.
    await insurer.as.compliance.sensitive.setRelease.mutate({
      purpose: PURPOSE_CROSS_SELL,
      fields: ['sex'],
      channels: ['export'],
    });
    const withSex = await insurer.as.marketer.lists.exportWithDemographics.mutate({
      listId,
      fields: ['sex'],
    });
    expect(withSex.csv.split('\n')[0]).toBe('external_id,first_name,last_name,email,phone,sex');
    expect(withSex.csv).toMatch(/,(female|male)\n/);
    for (const m of MARKERS) expect(withSex.csv).not.toContain(m);
    const more = await insurer.as.marketer.lists.exportWithDemographics
      .mutate({ listId, fields: ['sex', 'income_band'] })
      .catch((e: unknown) => e);
    expect(concordCodeOf(more)).toBe('POLICY_REFUSED');
    const stillNoPublication = await insurer.as.marketer.publications.publish
      .mutate({ collaborationId, segmentId: sensitiveSegmentId })
      .catch((e: unknown) => e);
    expect(concordCodeOf(stillNoPublication)).toBe('POLICY_REFUSED');
  });

  it('a release for publication lets the segment out as tokens only', async () => {
    await insurer.as.compliance.sensitive.setRelease.mutate({
      purpose: PURPOSE_CROSS_SELL,
      fields: ['sex', 'income_band'],
      channels: ['export', 'publication'],
    });
    const published = await insurer.as.marketer.publications.publish.mutate({
      collaborationId,
      segmentId: sensitiveSegmentId,
    });
    expect(published.published).toBeGreaterThan(0);
  });

  it('no request any node sent to the clean room carried a demographic value', () => {
    expect(proxy.recorded.length).toBeGreaterThan(10);
    expect(proxy.recorded.some((r) => r.body.length > 0)).toBe(true);
    for (const r of proxy.recorded) {
      const text = `${r.method} ${decodeURIComponent(r.url)} ${r.body.toString('latin1')}`;
      for (const m of MARKERS) expect(text, `${r.method} ${r.url}`).not.toContain(m);
    }
  });
});
