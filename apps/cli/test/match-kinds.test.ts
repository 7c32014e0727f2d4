// `concord match request --kind` reads its aliases from the protocol's kind registry (MATCH_KIND_INFO): every kind
// has an alias, each alias reaches the node as its kind, and the answer prints by kind.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { MATCH_KIND_INFO, MatchKind } from '@concord/protocol/contract/matches';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GROUPS } from '../src/commands/index.ts';
import { KIND_ALIASES } from '../src/commands/match.ts';
import { dispatch } from '../src/framework.ts';

const ID = '33333333-3333-4333-8333-333333333333';
const bodies: Array<{ kind: string }> = [];
let server: Server;
let url: string;

/** What the stand-in node answers for each kind: the clean room's answer plus the node's `audience`. */
const base = {
  matchId: ID,
  cached: false,
  kMin: 5,
  dataVersion: 'v.1',
  createdAt: '2026-12-01T00:00:00.000Z',
};
const ANSWERS: Record<MatchKind, object> = {
  insight: {
    ...base,
    kind: 'insight',
    insight: {
      cells: [{ partnerPublicationId: 'p1', partnerId: 'b', count: 12, suppressed: false }],
      epsilonCharged: 0.1,
      epsilonRemaining: 0.9,
      noiseScale: 10,
    },
    audience: null,
  },
  cross_sell_list: {
    ...base,
    kind: 'cross_sell_list',
    list: { listId: ID, size: 3, expiresAt: base.createdAt },
    audience: { audienceListId: 'a1', received: 3, resolved: 2, dropped: { unknown_member: 1 } },
  },
  referral_list: {
    ...base,
    kind: 'referral_list',
    referrals: [{ partnerPublicationId: 'p1', partnerId: 'b', delivered: false }],
    audience: null,
  },
};

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const input = JSON.parse(body) as { kind: MatchKind };
      bodies.push(input);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ result: { data: ANSWERS[input.kind] } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function run(kind: string) {
  let stdout = '';
  let stderr = '';
  const sink = (add: (s: string) => void) =>
    new Writable({
      write(chunk, _enc, done) {
        add(chunk.toString());
        done();
      },
    });
  const argv = ['match', 'request', '--collaboration', ID, '--publication', ID, '--partner', ID];
  const code = await dispatch(GROUPS, [...argv, '--purpose', 'marketing.x', '--kind', kind, '--node', url], {
    stdout: sink((s) => (stdout += s)),
    stderr: sink((s) => (stderr += s)),
    env: { CONCORD_DATA_DIR: '/nonexistent-concord-test' },
  });
  return { code, stdout, stderr };
}

describe('match kinds in the CLI', () => {
  it('offers exactly the registry aliases, one per MatchKind, in its order', () => {
    expect(KIND_ALIASES).toEqual(MatchKind.options.map((k) => MATCH_KIND_INFO[k].cliAlias));
    expect(KIND_ALIASES).toEqual(['insight', 'cross-sell', 'referral']);
  });

  it('sends each alias to the node as its kind and prints the answer by kind', async () => {
    const out: Record<string, string> = {};
    for (const kind of MatchKind.options) {
      const r = await run(MATCH_KIND_INFO[kind].cliAlias);
      expect(r.code).toBe(0);
      expect(bodies.at(-1)?.kind).toBe(kind);
      out[kind] = r.stdout;
    }
    expect(out.insight).toBe(`match ${ID}\n  p1: ~12\n  epsilon remaining 0.9\n`);
    expect(out.cross_sell_list).toBe(`match ${ID}\n  audience a1: 2 of 3 (dropped: unknown_member 1)\n`);
    expect(out.referral_list).toBe(`match ${ID}\n  referral to p1: below kMin, not delivered\n`);
  });

  it('refuses an alias the registry does not have, naming the ones it has (exit 2)', async () => {
    const sent = bodies.length;
    const r = await run('cross_sell_list');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--kind (insight|cross-sell|referral) are required');
    expect(bodies).toHaveLength(sent);
  });
});
