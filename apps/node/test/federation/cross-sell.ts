// A two-way cross-sell check the identity and loyalty federation tests share (kept out of scenario.ts, which the
// bench imports outside vitest).
import { expect } from 'vitest';
import { PURPOSE_CROSS_SELL } from './fixtures.ts';
import type { TestNode } from './harness.ts';
import type { Published } from './scenario.ts';

/** One side of a two-way cross-sell check: its node, what it published, and the holdings it was loaded with. */
export interface CrossSellSide<H> {
  node: TestNode;
  pub: Published;
  holdings: H[];
}

/**
 * Each side asks for a cross-sell list against the other and must receive exactly `expectedFor(mine, theirs)`
 * (external ids): nobody extra, nobody missing, and at least `atLeast` people, so an empty match cannot pass.
 */
export async function expectCrossSellBothWays<H>(
  collaborationId: string,
  [a, b]: [CrossSellSide<H>, CrossSellSide<H>],
  expectedFor: (mine: H[], theirs: H[]) => string[],
  atLeast: number,
): Promise<void> {
  for (const [requester, partner] of [
    [a, b],
    [b, a],
  ] as const) {
    const match = await requester.node.as.marketer.matches.request.mutate({
      collaborationId,
      kind: 'cross_sell_list',
      purpose: PURPOSE_CROSS_SELL,
      publicationId: requester.pub.publicationId,
      partnerPublicationIds: [partner.pub.cleanroomPublicationId],
    });
    const members = await requester.node.as.marketer.lists.members.query({
      listId: match.audience?.audienceListId as string,
    });
    const got = members.map((m) => m.externalId).sort();
    const expected = expectedFor(requester.holdings, partner.holdings);
    expect(expected.length).toBeGreaterThan(atLeast);
    expect({
      extra: got.filter((x) => !expected.includes(x)),
      missing: expected.filter((x) => !got.includes(x)),
    }).toEqual({ extra: [], missing: [] });
  }
}
