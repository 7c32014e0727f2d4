// Onboards the demo partners the way an operator would: read each node's public identity, register it at the
// clean room, and keep the credential (shown once) in local state for the node.
import { createOperatorClient } from '@concord/protocol/client';
import type { FederationState } from './state.ts';
import type { PartnerSpec } from './topology.ts';

interface NodeIdentity {
  name: string;
  industry: string;
  publicKey: string;
}

async function nodeIdentity(nodeUrl: string): Promise<NodeIdentity> {
  const res = await fetch(`${nodeUrl}/trpc/system.identity`);
  if (!res.ok) throw new Error(`cannot read ${nodeUrl} identity: HTTP ${res.status}`);
  return ((await res.json()) as { result: { data: NodeIdentity } }).result.data;
}

/** Registers every partner in `pending` (nodes already running, without credentials); returns the keys registered. */
export async function registerPartners(
  cleanroomUrl: string,
  state: FederationState,
  pending: { spec: PartnerSpec; url: string }[],
): Promise<string[]> {
  const operator = createOperatorClient({ baseUrl: cleanroomUrl, operatorToken: state.operatorToken });
  const done: string[] = [];
  for (const { spec, url } of pending) {
    const id = await nodeIdentity(url);
    const { partner, credential } = await operator.addPartner({
      name: id.name,
      industry: id.industry,
      publicKey: id.publicKey,
    });
    state.partners[spec.key] = { partnerId: partner.id, credential };
    done.push(spec.key);
  }
  return done;
}
