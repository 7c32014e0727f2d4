// Insight: a noisy count of the requester's members matched per partner publication, charged to the epsilon budget.
import { chargeEpsilon, epsilonRemaining, requireEpsilon } from '../budget.ts';
import { noisyCounts } from '../dp.ts';
import { countMatched } from '../match.ts';
import type { KindHandler } from './types.ts';

export const insight: KindHandler<'insight'> = {
  releasesMembers: false,
  async run({ trx, collab, requester, mine, partners, bit, kMin, queryHash, pool }) {
    const eps = collab.policy.epsilonPerQuery;
    await requireEpsilon(trx, collab, requester.id, eps);
    const trueCounts: number[] = [];
    for (const p of partners) trueCounts.push(await countMatched(trx, mine, [p], bit, pool));
    const noisy = noisyCounts(trueCounts, eps, queryHash);
    const epsilonRemainingAfter = await chargeEpsilon(trx, collab, requester.id, eps);
    const cells = partners.map((p, i) => {
      const count = noisy.counts[i] ?? 0;
      const suppressed = count < kMin;
      return {
        partnerPublicationId: p.publicationId,
        partnerId: p.ownerId,
        count: suppressed ? null : count,
        suppressed,
      };
    });
    return {
      body: {
        insight: {
          cells,
          epsilonCharged: eps,
          epsilonRemaining: epsilonRemainingAfter,
          noiseScale: noisy.scale,
        },
      },
      epsilonCharged: eps,
      listIds: [],
      referralsDelivered: [],
    };
  },
  // A member may have raised its kMin since: the cached counts are suppressed under today's threshold. No charge.
  async fromCache(prior, { trx, collab, requester, kMin }) {
    return {
      insight: {
        ...prior.insight,
        cells: prior.insight.cells.map((c) =>
          c.count !== null && c.count < kMin ? { ...c, count: null, suppressed: true } : c,
        ),
        epsilonCharged: 0,
        epsilonRemaining: await epsilonRemaining(trx, collab, requester.id),
      },
    };
  },
};
