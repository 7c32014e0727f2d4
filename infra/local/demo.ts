// The demo's head start: once the seeded nodes are registered, the insurer proposes a collaboration to the bank,
// the bank approves it and both marketers publish a segment — so a newcomer's first match works in one click.
// Everything goes through the nodes' public API as the demo users, the way people would do it in the console.
import { DEMO_PASSWORD, demoEmail, type PartnerSpec } from './topology.ts';

export const DEMO_PURPOSE = 'marketing.cross_sell.partner_offers';

/** The console's header: a node refuses cookie-authenticated (and anonymous) changes without it (CSRF rule). */
const CONSOLE_HEADERS = { 'content-type': 'application/json', 'x-concord-request': '1' } as const;

/** A signed-in demo user on one node: tRPC calls over HTTP with the session cookie. */
async function signIn(url: string, role: string, partner: PartnerSpec) {
  const res = await fetch(`${url}/trpc/auth.login`, {
    method: 'POST',
    headers: CONSOLE_HEADERS,
    body: JSON.stringify({ email: demoEmail(role, partner), password: DEMO_PASSWORD }),
  });
  const cookie = res.headers.get('set-cookie')?.split(';')[0];
  if (!res.ok || !cookie) throw new Error(`demo: ${demoEmail(role, partner)} cannot sign in at ${url}`);
  const call = async <T>(path: string, input: unknown, method: 'GET' | 'POST'): Promise<T> => {
    const query = method === 'GET' ? `?input=${encodeURIComponent(JSON.stringify(input))}` : '';
    const reply = await fetch(`${url}/trpc/${path}${query}`, {
      method,
      headers: { ...CONSOLE_HEADERS, cookie },
      ...(method === 'POST' ? { body: JSON.stringify(input) } : {}),
    });
    const body = (await reply.json()) as { result?: { data: T }; error?: { message: string } };
    if (!body.result) throw new Error(`demo: ${path} at ${url}: ${body.error?.message ?? reply.status}`);
    return body.result.data;
  };
  return {
    query: <T>(path: string, input: unknown = {}) => call<T>(path, input, 'GET'),
    mutate: <T>(path: string, input: unknown = {}) => call<T>(path, input, 'POST'),
  };
}

/** Every customer with a customer number: the widest segment, so the first match has people in it. */
const ALL_CUSTOMERS = { type: 'field', field: 'external_id', op: 'is_set' };

async function publishAll(url: string, partner: PartnerSpec, collaborationId: string): Promise<void> {
  const marketer = await signIn(url, 'marketer', partner);
  const segment = await marketer.mutate<{ id: string }>('segments.create', {
    name: 'All customers',
    description: 'Created by the demo so the first match has something to match',
    rule: ALL_CUSTOMERS,
  });
  await marketer.mutate('publications.publish', { collaborationId, segmentId: segment.id });
}

/** Proposes (requester side), approves (partner side) and publishes both; returns the collaboration id. */
export async function startDemoCollaboration(
  requester: { url: string; partner: PartnerSpec },
  partner: { url: string; partner: PartnerSpec },
): Promise<string> {
  const proposer = await signIn(requester.url, 'compliance', requester.partner);
  const directory = await proposer.query<{ id: string; name: string }[]>('collaborations.partners');
  const other = directory.find((p) => p.name === partner.partner.name);
  if (!other) throw new Error(`demo: ${partner.partner.name} is not registered at the clean room`);
  const proposed = await proposer.mutate<{ id: string }>('collaborations.propose', {
    name: `${requester.partner.name} × ${partner.partner.name}`,
    description: 'Demo collaboration: cross-sell offers between the two companies',
    partnerIds: [other.id],
    purposes: [DEMO_PURPOSE],
    policy: { kMin: 10, crossSellLists: true, referralLists: true, epsilonBudget: 10, minSegmentSize: 50 },
    expiresAt: new Date(Date.now() + 365 * 86_400_000).toISOString(),
  });
  const approver = await signIn(partner.url, 'compliance', partner.partner);
  await approver.mutate('collaborations.approve', { collaborationId: proposed.id });
  await publishAll(requester.url, requester.partner, proposed.id);
  await publishAll(partner.url, partner.partner, proposed.id);
  return proposed.id;
}
